import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../identity/index.js';
import type { MetadataCache, MetadataServices } from '../metadata/index.js';
import type { EventBus, Logger, WebhookConfig } from '../platform/index.js';
import type { RecordAccessViews, SqlRecordStore } from '../records/index.js';
import type { TimeTriggers } from './triggers/contract.js';

/** What a run's steps need: the server and `pnpm worker` (which has no API services) both give it. */
export interface AutomationRunServices {
  records: SqlRecordStore;
  events: EventBus;
  logger: Logger;
  metadataCache: MetadataCache;
  /** NOTIFY: each recipient's permission profile (what of the record they may be told). */
  recordAccess: RecordAccessViews;
  /** CALL_WEBHOOK: the SSRF guard's setting and the call's timeout. */
  webhookConfig: WebhookConfig;
  /**
   * `{{ forms.<key>.link }}` in a rule's texts: the signed link to the workspace's follow-up form
   * with that key for the run's record (webforms' `recordFormLink`), or null when there is none.
   */
  formLink?(em: EntityManager, request: FormLinkRequest): Promise<string | null>;
}

export interface FormLinkRequest {
  workspaceId: string;
  formKey: string;
  objectKey: string;
  recordId: string;
}

/** What the automation API needs from the app. */
export interface AutomationServices extends Omit<MetadataServices, 'records'>, AutomationRunServices {
  /** DATE_RELATIVE and SCHEDULE rules' jobs, kept in step with each rule write. */
  automationTimeTriggers: TimeTriggers;
}

export type AutomationContext = RequestContext<AutomationServices>;
