import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requirePermission } from '../../../identity/index.js';
import { loadMetadata } from '../../../metadata/index.js';
import { parseId } from '../../../platform/index.js';
import {
  connectMailbox,
  disconnectMailbox,
  inboundSettings,
  syncMailbox,
  testMailbox,
  type MailboxView,
} from '../admin.js';
import type { InboundContext } from '../services.js';
import { pageInbound, type InboundMessage } from '../store.js';
import {
  InboundMailSettingsType,
  InboundMessagePageType,
  InboundMessageType,
  InboundViaEnum,
  MailboxInput,
  MailboxSecurityEnum,
  MailboxType,
} from './types.js';

const date = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

function toMailbox(row: MailboxView): MailboxType {
  return {
    host: row.host,
    port: row.port,
    security: row.security as MailboxSecurityEnum,
    username: row.username,
    folder: row.folder,
    createObjectKey: row.create_object_key,
    connectedAt: new Date(row.connected_at),
    lastSyncAt: date(row.last_sync_at),
    lastError: row.last_error,
    lastErrorAt: date(row.last_error_at),
    uidValidity: row.uid_validity,
    lastUid: String(row.last_uid),
  };
}

@Resolver()
export class InboundMailResolver {
  @Query(() => InboundMailSettingsType, {
    description: 'The forwarding address and the connected mailbox (admins).',
  })
  async inboundMailSettings(@Ctx() ctx: InboundContext): Promise<InboundMailSettingsType> {
    const settings = await inboundSettings(ctx);
    return { ...settings, mailbox: settings.mailbox && toMailbox(settings.mailbox) };
  }

  @Query(() => InboundMessagePageType, {
    description: 'Received mail, newest first; of one record when given (admins).',
  })
  async inboundMessages(
    @Arg('first', () => Int, { defaultValue: 50, description: '1–200.' }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('recordId', () => ID, { nullable: true }) recordId: string | null,
    @Ctx() ctx: InboundContext,
  ): Promise<InboundMessagePageType> {
    const { workspaceId } = requirePermission(ctx, 'workspace.update');
    const page = await pageInbound(ctx.em, workspaceId, {
      first,
      after,
      recordId: recordId ? parseId('recordId', recordId) : undefined,
    });
    const metadata = await loadMetadata(ctx.em, workspaceId);
    const keyOf = (objectId: string) => metadata.objects.find((o) => o.id === objectId)?.key ?? objectId;
    return { ...page, nodes: page.nodes.map((mail) => toMessage(mail, keyOf)) };
  }

  @Mutation(() => MailboxType, {
    description:
      'Connects or changes the IMAP mailbox; a refused login is stored with its reason in lastError (admins).',
  })
  async connectMailbox(
    @Arg('input', () => MailboxInput) input: MailboxInput,
    @Ctx() ctx: InboundContext,
  ): Promise<MailboxType> {
    return toMailbox(
      await connectMailbox(ctx, {
        host: input.host,
        port: input.port,
        security: input.security,
        username: input.username,
        password: input.password ?? null,
        folder: input.folder ?? null,
        createObjectKey: input.createObjectKey ?? null,
      }),
    );
  }

  @Mutation(() => MailboxType, {
    description: 'Tries the stored login now; the outcome is in lastError (admins).',
  })
  async testMailbox(@Ctx() ctx: InboundContext): Promise<MailboxType> {
    return toMailbox(await testMailbox(ctx));
  }

  @Mutation(() => MailboxType, {
    description: 'Reads the mailbox now instead of at the next scheduled read (admins).',
  })
  async syncMailbox(@Ctx() ctx: InboundContext): Promise<MailboxType> {
    return toMailbox(await syncMailbox(ctx));
  }

  @Mutation(() => Boolean, {
    description: 'Forgets the mailbox and its password; logged mail stays (admins).',
  })
  async disconnectMailbox(@Ctx() ctx: InboundContext): Promise<boolean> {
    return disconnectMailbox(ctx);
  }
}

function toMessage(mail: InboundMessage, keyOf: (objectId: string) => string): InboundMessageType {
  return {
    ...mail,
    via: mail.via as InboundViaEnum,
    records: mail.records.map((r) => ({
      object: keyOf(r.objectId),
      recordId: r.recordId,
      created: r.created,
    })),
  };
}
