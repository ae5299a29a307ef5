import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import type { EventBus } from '../platform/index.js';
import { AccessResolver } from '../access/index.js';
import { NotificationResolver, ReminderResolver } from '../activities/index.js';
import { AuditResolver } from '../audit/index.js';
import { AutomationResolver } from '../automation/index.js';
import { CommentResolver } from '../comments/index.js';
import { DuplicateResolver } from '../duplicates/index.js';
import {
  ApiTokenResolver,
  AuthResolver,
  PasskeyResolver,
  SecurityResolver,
  SsoResolver,
  WorkspaceResolver,
} from '../identity/index.js';
import { CampaignResolver, InboundMailResolver, MailResolver, MailTemplateResolver } from '../mail/index.js';
import { LeadResolver } from '../leads/index.js';
import { MetadataResolver } from '../metadata/index.js';
import { PipelineResolver } from '../pipelines/index.js';
import { RealtimeResolver } from '../realtime/index.js';
import { AnalyticsResolver, ReportResolver } from '../reports/index.js';
import { TemplateResolver } from '../templates/index.js';
import { TimelineItemActorResolver, TimelineResolver } from '../timeline/index.js';
import { ViewResolver } from '../views/index.js';
import { WebhookResolver } from '../webhooks/index.js';
import { WebFormResolver } from '../webforms/index.js';
import { ImportResolver } from '../imports/index.js';
import { FileResolver } from '../files/index.js';
import { DocumentResolver } from '../documents/index.js';
import { PrivacyResolver } from '../privacy/index.js';
import { InvoiceResolver, QuoteResolver } from '../quotes/index.js';
import { MatchingResolver } from '../matching/index.js';

/** The hand-written half of every workspace's schema (type-graphql classes). */
export async function buildCoreSchema(events: EventBus): Promise<GraphQLSchema> {
  return buildSchema({
    pubSub: events,
    resolvers: [
      AuthResolver,
      SecurityResolver,
      PasskeyResolver,
      SsoResolver,
      WorkspaceResolver,
      ApiTokenResolver,
      MetadataResolver,
      PipelineResolver,
      RealtimeResolver,
      ViewResolver,
      TemplateResolver,
      NotificationResolver,
      ReminderResolver,
      CommentResolver,
      TimelineResolver,
      MailResolver,
      MailTemplateResolver,
      InboundMailResolver,
      CampaignResolver,
      TimelineItemActorResolver,
      AutomationResolver,
      WebhookResolver,
      DuplicateResolver,
      LeadResolver,
      WebFormResolver,
      ImportResolver,
      FileResolver,
      DocumentResolver,
      ReportResolver,
      AnalyticsResolver,
      AuditResolver,
      PrivacyResolver,
      AccessResolver,
      QuoteResolver,
      InvoiceResolver,
      MatchingResolver,
    ],
    validate: { forbidUnknownValues: false },
    emitSchemaFile: false,
  });
}
