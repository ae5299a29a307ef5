/** A campaign's life: waiting for its time, queueing its messages, sending, or stopped. */
export const campaignStates = ['SCHEDULED', 'QUEUEING', 'SENDING', 'DONE', 'FAILED', 'CANCELLED'] as const;
export type CampaignState = (typeof campaignStates)[number];

/** One recipient's fate; UNSUBSCRIBED once they followed the link (after it was sent). */
export const recipientStatuses = [
  'QUEUED',
  'SENT',
  'FAILED',
  'BOUNCED',
  'UNSUBSCRIBED',
  'SUPPRESSED',
  'NO_ADDRESS',
  'DUPLICATE',
] as const;
export type RecipientStatus = (typeof recipientStatuses)[number];

export interface Throttle {
  messages: number;
  /** 1000 (per second) or 60000 (per minute). */
  intervalMs: number;
}

export interface CampaignCounts {
  recipients: number;
  queued: number;
  sent: number;
  failed: number;
  bounced: number;
  unsubscribed: number;
  suppressed: number;
  noAddress: number;
  duplicate: number;
}

export interface Campaign {
  id: string;
  name: string;
  viewId: string | null;
  objectId: string;
  emailFieldId: string;
  templateId: string | null;
  subject: string;
  text: string;
  status: CampaignState;
  statusReason: string | null;
  scheduledAt: Date;
  throttle: Throttle | null;
  createdBy: string | null;
  createdAt: Date;
  startedAt: Date | null;
  queuedAt: Date | null;
  counts: CampaignCounts;
}

export interface CampaignRow {
  id: string;
  workspace_id: string;
  name: string;
  view_id: string | null;
  object_id: string;
  email_field_id: string;
  template_id: string | null;
  subject: string;
  text_body: string;
  status: Exclude<CampaignState, 'DONE'>;
  status_reason: string | null;
  scheduled_at: Date | string;
  throttle_messages: number | null;
  throttle_interval_ms: number | null;
  link_base: string;
  created_by: string | null;
  created_at: Date | string;
  started_at: Date | string | null;
  queued_at: Date | string | null;
}

/** The SQL for recipient `r`'s status, its message (`m`, left-joined) read for the sent ones. */
export const recipientStatusSql = `case
  when r.unsubscribed_at is not null then 'UNSUBSCRIBED'
  when r.status in ('SUPPRESSED', 'NO_ADDRESS', 'DUPLICATE') then r.status
  when m.status = 'SENT' then 'SENT'
  when m.status = 'FAILED' then 'FAILED'
  when m.status = 'BOUNCED' then 'BOUNCED'
  when m.status = 'SUPPRESSED' then 'SUPPRESSED'
  else 'QUEUED' end`;
