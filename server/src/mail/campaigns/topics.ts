// Campaigns' event topic, merged into the bus's EventTopics: the admin's list follows it.
import type { EventBus } from '../../platform/index.js';

/** A campaign's status or counts changed (routed by workspace id). */
export interface CampaignChanged {
  campaignId: string;
}

declare module '../../platform/index.js' {
  interface EventTopics {
    'mail.campaignChanged': [workspaceId: string, payload: CampaignChanged];
  }
}

/** Tells the workspace's live campaign lists that these campaigns changed. */
export async function publishCampaignChanges(
  events: EventBus | undefined,
  changes: readonly { workspaceId: string | null; campaignId: string | null }[],
): Promise<void> {
  if (!events) return;
  const seen = new Set<string>();
  for (const { workspaceId, campaignId } of changes) {
    if (!workspaceId || !campaignId || seen.has(campaignId)) continue;
    seen.add(campaignId);
    await events.publish('mail.campaignChanged', workspaceId, { campaignId });
  }
}
