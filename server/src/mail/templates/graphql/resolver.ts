import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { loadMetadata } from '../../../metadata/index.js';
import { toMailMessageType } from '../../graphql/resolver.js';
import { MailMessageType } from '../../graphql/types.js';
import type { MailContext } from '../../services.js';
import {
  mailMergeFields,
  mailTemplate,
  mailTemplates,
  previewMail,
  removeMailTemplate,
  saveMailTemplate,
} from '../admin.js';
import type { RenderedMail } from '../render.js';
import { recordRecipients, sendRecordMail } from '../send.js';
import type { MailTemplate } from '../store.js';
import {
  MailTemplateInputType,
  MailTemplateMergeFieldType,
  MailTemplatePreviewInputType,
  MailTemplatePreviewType,
  MailTemplateRecipientType,
  MailTemplateType,
  SendRecordMailInputType,
} from './types.js';

async function toTypes(ctx: MailContext, templates: MailTemplate[]): Promise<MailTemplateType[]> {
  if (!templates.length) return [];
  const metadata = await loadMetadata(ctx.em, templates[0]!.workspaceId);
  const keyOf = (objectId: string) => metadata.objects.find((o) => o.id === objectId)?.key ?? '';
  return templates.map(({ id, objectId, name, subject, bodyHtml, bodyText, createdAt, updatedAt }) => ({
    id,
    object: keyOf(objectId),
    name,
    subject,
    bodyHtml,
    bodyText,
    createdAt,
    updatedAt,
  }));
}

const preview = ({ subject, html, text, missing }: RenderedMail): MailTemplatePreviewType => ({
  subject,
  html,
  text,
  missing,
});

@Resolver()
export class MailTemplateResolver {
  @Query(() => [MailTemplateType], { description: 'The workspace’s e-mail templates, of one object or all.' })
  async mailTemplates(
    @Arg('object', () => String, { nullable: true }) object: string | null,
    @Ctx() ctx: MailContext,
  ): Promise<MailTemplateType[]> {
    return toTypes(ctx, await mailTemplates(ctx, object));
  }

  @Query(() => MailTemplateType)
  async mailTemplate(@Arg('id', () => ID) id: string, @Ctx() ctx: MailContext): Promise<MailTemplateType> {
    return (await toTypes(ctx, [await mailTemplate(ctx, id)]))[0]!;
  }

  @Query(() => [MailTemplateMergeFieldType], {
    description: 'The merge fields a template for `object` may use.',
  })
  mailTemplateMergeFields(
    @Arg('object', () => String) object: string,
    @Ctx() ctx: MailContext,
  ): Promise<MailTemplateMergeFieldType[]> {
    return mailMergeFields(ctx, object);
  }

  @Query(() => MailTemplatePreviewType, {
    description: 'A saved template or a draft rendered for one record, with the merge fields left empty.',
  })
  async mailTemplatePreview(
    @Arg('input', () => MailTemplatePreviewInputType) input: MailTemplatePreviewInputType,
    @Ctx() ctx: MailContext,
  ): Promise<MailTemplatePreviewType> {
    return preview(await previewMail(ctx, ctx.services.recordAccess, input));
  }

  @Query(() => [MailTemplateRecipientType], {
    description: 'Addresses the record and its related records hold.',
  })
  mailTemplateRecipients(
    @Arg('object', () => String) object: string,
    @Arg('recordId', () => ID) recordId: string,
    @Ctx() ctx: MailContext,
  ): Promise<MailTemplateRecipientType[]> {
    return recordRecipients(ctx, ctx.services.recordAccess, object, recordId);
  }

  @Mutation(() => MailTemplateType, { description: 'Adds an e-mail template (admins).' })
  async createMailTemplate(
    @Arg('input', () => MailTemplateInputType) input: MailTemplateInputType,
    @Ctx() ctx: MailContext,
  ): Promise<MailTemplateType> {
    return (await toTypes(ctx, [await saveMailTemplate(ctx, null, input)]))[0]!;
  }

  @Mutation(() => MailTemplateType, { description: 'Replaces an e-mail template (admins).' })
  async updateMailTemplate(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => MailTemplateInputType) input: MailTemplateInputType,
    @Ctx() ctx: MailContext,
  ): Promise<MailTemplateType> {
    return (await toTypes(ctx, [await saveMailTemplate(ctx, id, input)]))[0]!;
  }

  @Mutation(() => Boolean, { description: 'Deletes an e-mail template (admins); sent mail keeps its text.' })
  deleteMailTemplate(@Arg('id', () => ID) id: string, @Ctx() ctx: MailContext): Promise<boolean> {
    return removeMailTemplate(ctx, id);
  }

  @Mutation(() => MailMessageType, {
    description: 'Sends an e-mail from a record (a template or free text), logged on its timeline.',
  })
  async sendRecordMail(
    @Arg('input', () => SendRecordMailInputType) input: SendRecordMailInputType,
    @Ctx() ctx: MailContext,
  ): Promise<MailMessageType> {
    const { events, mail, recordAccess } = ctx.services;
    return toMailMessageType(
      await sendRecordMail(ctx, { events, recordAccess, maxAttachmentBytes: mail.maxAttachmentBytes }, input),
    );
  }
}
