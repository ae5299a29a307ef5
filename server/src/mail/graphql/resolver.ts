import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requirePermission } from '../../identity/index.js';
import { mailOutbox, markMailBounced, retryMail, setWorkspaceSender, workspaceSender } from '../admin.js';
import type { MailMessage } from '../outbox.js';
import type { MailContext } from '../services.js';
import {
  MailMessageType,
  MailOutboxPageType,
  MailSettingsInput,
  MailSettingsType,
  MailStatusEnum,
} from './types.js';

export function toMailMessageType(message: MailMessage): MailMessageType {
  const { id, to, subject, statusReason, attempts, serverMessageId, createdAt, sentAt } = message;
  return {
    id,
    to,
    subject,
    status: message.status as MailStatusEnum,
    statusReason,
    attempts,
    serverMessageId,
    createdAt,
    sentAt,
    attachments: message.attachments.map(({ fileId, name, contentType, size }) => ({
      fileId: fileId ?? null,
      name,
      contentType,
      size,
    })),
  };
}

@Resolver()
export class MailResolver {
  @Query(() => MailOutboxPageType, { description: 'The workspace’s outgoing mail, newest first (admins).' })
  async mailOutbox(
    @Arg('first', () => Int, { defaultValue: 50, description: '1–200.' }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('status', () => MailStatusEnum, { nullable: true }) status: MailStatusEnum | null,
    @Ctx() ctx: MailContext,
  ): Promise<MailOutboxPageType> {
    const page = await mailOutbox(ctx, { first, after, status });
    return { ...page, nodes: page.nodes.map(toMailMessageType) };
  }

  @Query(() => MailSettingsType, { description: 'The workspace’s sender name and reply-to (admins).' })
  async mailSettings(@Ctx() ctx: MailContext): Promise<MailSettingsType> {
    const { workspaceId } = requirePermission(ctx, 'workspace.update');
    return { ...(await workspaceSender(ctx.em, workspaceId)), ...this.server(ctx) };
  }

  @Mutation(() => MailSettingsType, { description: 'Sets the sender name and reply-to (admins).' })
  async setMailSettings(
    @Arg('input', () => MailSettingsInput) input: MailSettingsInput,
    @Ctx() ctx: MailContext,
  ): Promise<MailSettingsType> {
    const saved = await setWorkspaceSender(ctx, {
      senderName: input.senderName ?? null,
      replyTo: input.replyTo ?? null,
    });
    return { ...saved, ...this.server(ctx) };
  }

  @Mutation(() => MailMessageType, { description: 'Sends a queued or failed message again, now (admins).' })
  async retryMail(@Arg('id', () => ID) id: string, @Ctx() ctx: MailContext): Promise<MailMessageType> {
    return toMailMessageType(await retryMail(ctx, id));
  }

  @Mutation(() => MailMessageType, { description: 'Marks a sent message bounced, with why (admins).' })
  async markMailBounced(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: MailContext,
  ): Promise<MailMessageType> {
    return toMailMessageType(await markMailBounced(ctx, id, reason));
  }

  private server(ctx: MailContext): { fromAddress: string; serverConfigured: boolean } {
    return { fromAddress: ctx.services.mail.from, serverConfigured: ctx.services.mail.serverConfigured };
  }
}
