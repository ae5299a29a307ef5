import type { EntityManager } from '@mikro-orm/postgresql';
import { BadInput } from '../platform/index.js';
import type { Inbox } from './inbox.js';

export const notificationKinds = [
  'REMINDER',
  'MENTION',
  'COMMENT',
  'ASSIGNMENT',
  'AUTOMATION',
  'MATCH',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** Where a notification may go. In-app is the inbox; e-mail is stored for the mail module. */
export interface ChannelSettings {
  inApp: boolean;
  email: boolean;
}

export interface KindSetting extends ChannelSettings {
  kind: NotificationKind;
}

/** Without a saved setting a kind goes to the inbox only (e-mail is not sent yet). */
export const defaultChannels: ChannelSettings = { inApp: true, email: false };

interface SettingRow {
  user_id: string;
  kind: NotificationKind;
  in_app: boolean;
  email: boolean;
}

/** A member's settings for every kind, defaults filled in. */
export async function readSettings(em: Pick<EntityManager, 'execute'>, inbox: Inbox): Promise<KindSetting[]> {
  const rows = await em.execute<SettingRow[]>(
    'select * from notification_setting where workspace_id = ? and user_id = ?',
    [inbox.workspaceId, inbox.userId],
  );
  return notificationKinds.map((kind) => {
    const row = rows.find((r) => r.kind === kind);
    return { kind, ...(row ? { inApp: row.in_app, email: row.email } : defaultChannels) };
  });
}

/** Saves the kinds given (others keep theirs); a kind twice is refused, nothing is written. */
export async function saveSettings(
  em: EntityManager,
  inbox: Inbox,
  settings: readonly KindSetting[],
): Promise<KindSetting[]> {
  const seen = new Set<string>();
  settings.forEach((setting, i) => {
    if (seen.has(setting.kind))
      throw new BadInput(['settings', String(i), 'kind'], `${setting.kind} is given twice.`);
    seen.add(setting.kind);
  });
  if (settings.length)
    await em.execute(
      `insert into notification_setting (workspace_id, user_id, kind, in_app, email)
       select ?, ?, s.kind, s.in_app, s.email
         from jsonb_to_recordset(?::jsonb) as s (kind text, in_app boolean, email boolean)
       on conflict (workspace_id, user_id, kind) do update set in_app = excluded.in_app, email = excluded.email`,
      [
        inbox.workspaceId,
        inbox.userId,
        JSON.stringify(settings.map((s) => ({ kind: s.kind, in_app: s.inApp, email: s.email }))),
      ],
    );
  return readSettings(em, inbox);
}

/**
 * The channels each recipient wants for `kind`, in one query for all of them
 * (a member without a saved setting gets the defaults).
 */
export async function channelsOf(
  em: Pick<EntityManager, 'execute'>,
  workspaceId: string,
  kind: NotificationKind,
  userIds: readonly string[],
): Promise<Map<string, ChannelSettings>> {
  const channels = new Map(userIds.map((id) => [id, defaultChannels]));
  if (!userIds.length) return channels;
  const rows = await em.execute<SettingRow[]>(
    `select * from notification_setting where workspace_id = ? and kind = ?
       and user_id in (select jsonb_array_elements_text(?::jsonb)::uuid)`,
    [workspaceId, kind, JSON.stringify(userIds)],
  );
  for (const row of rows) channels.set(row.user_id, { inApp: row.in_app, email: row.email });
  return channels;
}
