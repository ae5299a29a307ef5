import type { EntityManager } from '@mikro-orm/postgresql';
import type { AccessServices } from '../access/index.js';
import type { ActivitiesServices } from '../activities/index.js';
import type { AuditServices } from '../audit/index.js';
import type { AutomationServices } from '../automation/index.js';
import type { CommentsServices } from '../comments/index.js';
import type { DuplicateServices } from '../duplicates/index.js';
import type { IdentityServices } from '../identity/index.js';
import type { CampaignServices, InboundServices, MailCatcher, MailServices } from '../mail/index.js';
import type { LeadServices } from '../leads/index.js';
import type { MetadataServices } from '../metadata/index.js';
import type { EventBus, Logger, RateLimits } from '../platform/index.js';
import type { PipelineServices } from '../pipelines/index.js';
import type { ChangeFeed, RealtimeServices } from '../realtime/index.js';
import type { RecordStore, RecordsServices } from '../records/index.js';
import type { ReportServices } from '../reports/index.js';
import type { TemplateServices } from '../templates/index.js';
import type { TimelineServices } from '../timeline/index.js';
import type { ViewServices } from '../views/index.js';
import type { WebhooksServices } from '../webhooks/index.js';
import type { WebFormsServices } from '../webforms/index.js';
import type { ImportsServices } from '../imports/index.js';
import type { FilesServices } from '../files/index.js';
import type { PrivacyServices } from '../privacy/index.js';
import type { QuotesServices } from '../quotes/index.js';
import type { MatchingServices } from '../matching/index.js';
import type { DocumentsServices } from '../documents/index.js';

/**
 * Long-lived collaborators shared by every request of one server, wired in server.ts.
 * Each module sees only the interface it declares; this is the one place that meets them all.
 */
export interface AppServices
  extends
    IdentityServices,
    MetadataServices,
    RecordsServices,
    RealtimeServices,
    ViewServices,
    PipelineServices,
    TemplateServices,
    ActivitiesServices,
    CommentsServices,
    TimelineServices,
    MailServices,
    InboundServices,
    CampaignServices,
    AutomationServices,
    WebhooksServices,
    DuplicateServices,
    LeadServices,
    WebFormsServices,
    ImportsServices,
    FilesServices,
    ReportServices,
    AuditServices,
    PrivacyServices,
    QuotesServices,
    MatchingServices,
    AccessServices,
    DocumentsServices {
  events: EventBus;
  logger: Logger;
  /** Committed record changes, live and resumable. */
  changeFeed: ChangeFeed;
  /** The record store, for the core resolvers that write records (board moves, templates). */
  records: RecordStore;
  /** With MAIL_CATCHER=true: the mail kept instead of sent, shown at /dev/mail. */
  mailCatcher: MailCatcher | null;
  /** Folder of the vertical templates. */
  templatesDir: string;
  /** Where rate limits count: this process's memory, or Redis shared by all processes. */
  rateLimits: RateLimits;
}

/** A member's name by user id (the actor of their writes), or null. */
export async function memberName(
  em: EntityManager,
  workspaceId: string,
  userId: string,
): Promise<string | null> {
  const [row] = await em.execute<{ name: string }[]>(
    'select u.name from app_user u join membership m on m.user_id = u.id where m.workspace_id = ? and u.id = ?',
    [workspaceId, userId],
  );
  return row?.name ?? null;
}
