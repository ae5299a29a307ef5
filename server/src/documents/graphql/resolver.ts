import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { fileRefLoader, FileRefType } from '../../files/index.js';
import { loadMetadata } from '../../metadata/index.js';
import {
  documentGenerations,
  documentLineSources,
  documentTemplate,
  documentTemplateMergeFields,
  documentTemplates,
  removeDocumentTemplate,
  saveDocumentTemplate,
} from '../admin.js';
import { resetDraft } from '../drafts.js';
import { generateDocument } from '../generate.js';
import { previewDocument } from '../preview.js';
import type { DocumentsContext } from '../services.js';
import type { DocumentGeneration, DocumentTemplate } from '../store.js';
import {
  DocumentLineSourceType,
  DocumentPreviewType,
  DocumentTemplateInputType,
  DocumentTemplateType,
  GeneratedDocumentType,
} from './types.js';
import { MergeFieldType } from './merge-field-type.js';

async function toTypes(
  ctx: DocumentsContext,
  templates: DocumentTemplate[],
): Promise<DocumentTemplateType[]> {
  if (!templates.length) return [];
  const metadata = await loadMetadata(ctx.em, templates[0]!.workspaceId);
  const object = (id: string) => metadata.objects.find((o) => o.id === id);
  return templates.map((t) => ({
    id: t.id,
    object: object(t.objectId)?.key ?? '',
    name: t.name,
    fileField: object(t.objectId)?.fields.find((f) => f.id === t.fileFieldId)?.key ?? null,
    blocks: t.blocks,
    version: t.version,
    templateKey: t.templateKey,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  }));
}

async function toGenerated(
  ctx: DocumentsContext,
  workspaceId: string,
  generations: DocumentGeneration[],
): Promise<GeneratedDocumentType[]> {
  const metadata = await loadMetadata(ctx.em, workspaceId);
  const files = await fileRefLoader(ctx.services.files).load(
    ctx.em,
    workspaceId,
    generations.map((g) => g.fileId),
  );
  const fieldKey = (id: string) =>
    metadata.objects.flatMap((o) => o.fields).find((f) => f.id === id)?.key ?? '';
  return generations.map((g) => ({
    id: g.id,
    templateId: g.templateId,
    templateVersion: g.templateVersion,
    recordId: g.recordId,
    field: fieldKey(g.fieldId),
    fileId: g.fileId,
    file: (files.get(g.fileId) as FileRefType | undefined) ?? null,
    createdBy: g.createdBy,
    createdAt: g.createdAt,
    drafts: g.drafts,
  }));
}

const workspaceOf = (ctx: DocumentsContext) => ctx.caller!.workspace!.id;

@Resolver()
export class DocumentResolver {
  @Query(() => [DocumentTemplateType], {
    description: 'The workspace’s document templates, of one object or all.',
  })
  async documentTemplates(
    @Arg('object', () => String, { nullable: true }) object: string | null,
    @Ctx() ctx: DocumentsContext,
  ): Promise<DocumentTemplateType[]> {
    return toTypes(ctx, await documentTemplates(ctx, object));
  }

  @Query(() => DocumentTemplateType)
  async documentTemplate(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: DocumentsContext,
  ): Promise<DocumentTemplateType> {
    return (await toTypes(ctx, [await documentTemplate(ctx, id)]))[0]!;
  }

  @Query(() => [MergeFieldType], {
    description: 'The merge fields a document template for `object` may use.',
  })
  documentTemplateMergeFields(
    @Arg('object', () => String) object: string,
    @Ctx() ctx: DocumentsContext,
  ): Promise<MergeFieldType[]> {
    return documentTemplateMergeFields(ctx, object);
  }

  @Query(() => [DocumentLineSourceType], {
    description: 'The line sources a lines block of a template for `object` may read, with their columns.',
  })
  documentLineSources(
    @Arg('object', () => String) object: string,
    @Ctx() ctx: DocumentsContext,
  ): Promise<DocumentLineSourceType[]> {
    return documentLineSources(ctx, object);
  }

  @Mutation(() => DocumentTemplateType, {
    description:
      'Creates (no id) or replaces a document template (admins); a replace raises its version. With `expectedVersion`, a template saved by someone else since is refused with CONFLICT (`currentVersion`).',
  })
  async saveDocumentTemplate(
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('input', () => DocumentTemplateInputType) input: DocumentTemplateInputType,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: DocumentsContext,
  ): Promise<DocumentTemplateType> {
    return (await toTypes(ctx, [await saveDocumentTemplate(ctx, id, input, expectedVersion ?? null)]))[0]!;
  }

  @Mutation(() => DocumentPreviewType, {
    description:
      'Renders a template as given (saved or not) for a record to PDF and keeps nothing (admins): the designer’s preview.',
  })
  async previewDocument(
    @Arg('input', () => DocumentTemplateInputType) input: DocumentTemplateInputType,
    @Arg('recordId', () => ID) recordId: string,
    @Ctx() ctx: DocumentsContext,
  ): Promise<DocumentPreviewType> {
    const preview = await previewDocument(ctx, { input, recordId });
    return { name: preview.name, contentType: 'application/pdf', data: preview.content.toString('base64') };
  }

  @Mutation(() => Boolean, { description: 'Deletes a document template (admins); its documents stay.' })
  deleteDocumentTemplate(@Arg('id', () => ID) id: string, @Ctx() ctx: DocumentsContext): Promise<boolean> {
    return removeDocumentTemplate(ctx, id);
  }

  @Mutation(() => GeneratedDocumentType, {
    description:
      'Renders a template for a record to PDF and adds it to a FILE field of the record (`fieldKey`, else the template’s, else `documents`); every generation is kept.',
  })
  async generateDocument(
    @Arg('templateId', () => ID) templateId: string,
    @Arg('recordId', () => ID) recordId: string,
    @Arg('fieldKey', () => String, { nullable: true }) fieldKey: string | null,
    @Ctx() ctx: DocumentsContext,
  ): Promise<GeneratedDocumentType> {
    const generation = await generateDocument(ctx, { templateId, recordId, fieldKey });
    return (await toGenerated(ctx, workspaceOf(ctx), [generation]))[0]!;
  }

  @Mutation(() => String, {
    description:
      'Puts a draft block’s co-edited text for a record back to the block’s default (merged now); answers the text. Needs reading and updating the record.',
  })
  resetDocumentDraft(
    @Arg('templateId', () => ID) templateId: string,
    @Arg('recordId', () => ID) recordId: string,
    @Arg('key', () => String) key: string,
    @Ctx() ctx: DocumentsContext,
  ): Promise<string> {
    return resetDraft(ctx, { templateId, recordId, key });
  }

  @Query(() => [GeneratedDocumentType], { description: 'A record’s generated documents, newest first.' })
  async generatedDocuments(
    @Arg('object', () => String) object: string,
    @Arg('recordId', () => ID) recordId: string,
    @Ctx() ctx: DocumentsContext,
  ): Promise<GeneratedDocumentType[]> {
    const generations = await documentGenerations(ctx, object, recordId);
    return toGenerated(ctx, workspaceOf(ctx), generations);
  }
}
