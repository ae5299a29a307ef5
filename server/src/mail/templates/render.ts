import type { EntityManager } from '@mikro-orm/postgresql';
import { LiquidError, type Liquid, type Template } from 'liquidjs';
import { loadMetadata, type ObjectDef, type WorkspaceMetadata } from '../../metadata/index.js';
import { workspaceName } from '../../identity/index.js';
import { BadInput, NotFound } from '../../platform/index.js';
import { compilePart, htmlLiquid, plainLiquid, usedMergeFields } from './compile.js';
import { htmlOfText, mailLayout, textOfHtml } from './layout.js';
import { extraMergeFields, mergeFieldsOf, type MergeField } from './merge-fields.js';
import { getMailTemplate, type MailTemplateFields } from './store.js';
import { readMembers, readRecords, recordMergeValues, type MergeReader } from './values.js';

/** A template's parts; without HTML (a message written as text) the HTML is the text's paragraphs. */
export type MailTemplateParts = Pick<MailTemplateFields, 'subject' | 'bodyText'> & {
  bodyHtml: string | null;
};

type PartName = 'subject' | 'bodyHtml' | 'bodyText';
/** Where a part's errors point: `input.subject` by default. */
export type PartPaths = (part: PartName) => readonly string[];
const inputPaths: PartPaths = (part) => ['input', part];

export interface RenderedMail {
  subject: string;
  /** The whole HTML part: the body in the responsive layout. */
  html: string;
  text: string;
  /** Merge fields the template uses that are empty for this record (`record.phone`). */
  missing: string[];
}

export interface RenderMailInput {
  workspaceId: string;
  templateId: string;
  recordId: string;
  /** The member sending (`sender.name`); none for mail sent by the workspace itself. */
  senderUserId?: string | null;
  /** Values beside the record, by name (`unsubscribe_url`); see `extraMergeFields`. */
  extra?: Record<string, unknown>;
  /** The workspace's metadata when the caller holds it (a campaign rendering many); else read. */
  metadata?: WorkspaceMetadata;
  /**
   * The member the record is read for (a sender from a record): out of their read scope it is
   * not found, and fields their profile hides render empty. None: the workspace reads everything.
   */
  reader?: MergeReader;
}

/** The object a template is for, or NotFound when it was archived since. */
export function templateObject(metadata: WorkspaceMetadata, objectId: string): ObjectDef {
  const object = metadata.objects.find((o) => o.id === objectId && !o.archivedAt);
  if (!object) throw new NotFound('The object this template is for');
  return object;
}

/**
 * Renders a saved template for one record: subject, HTML (in the layout) and text parts, and
 * the merge fields left empty. The public entry point for other senders (campaigns).
 */
export async function renderMailTemplate(em: EntityManager, input: RenderMailInput): Promise<RenderedMail> {
  const template = await getMailTemplate(em, input.workspaceId, input.templateId);
  const metadata = input.metadata ?? (await loadMetadata(em, input.workspaceId));
  return renderMailParts(em, {
    ...input,
    metadata,
    object: templateObject(metadata, template.objectId),
    parts: template,
  });
}

interface Compiled {
  subject: Template[];
  html: Template[] | null;
  text: Template[] | null;
}

/** Parses and checks a template's parts against the object's merge fields (BAD_USER_INPUT at the part). */
export function compileMailParts(
  parts: MailTemplateParts,
  fields: readonly MergeField[],
  pathOf: PartPaths = inputPaths,
): Compiled {
  return {
    subject: compilePart(plainLiquid, parts.subject, pathOf('subject'), fields),
    html:
      parts.bodyHtml === null ? null : compilePart(htmlLiquid, parts.bodyHtml, pathOf('bodyHtml'), fields),
    text: parts.bodyText ? compilePart(plainLiquid, parts.bodyText, pathOf('bodyText'), fields) : null,
  };
}

export async function renderMailParts(
  em: EntityManager,
  input: Omit<RenderMailInput, 'templateId'> & {
    metadata: WorkspaceMetadata;
    object: ObjectDef;
    parts: MailTemplateParts;
    pathOf?: PartPaths;
  },
): Promise<RenderedMail> {
  const { metadata, object, pathOf = inputPaths } = input;
  const compiled = compileMailParts(input.parts, mergeFieldsOf(metadata, object), pathOf);
  const row = (await readRecords(em, metadata, object, [input.recordId], input.reader)).get(
    input.recordId.toLowerCase(),
  );
  if (!row) throw new NotFound(`A ${object.labelSingular.toLowerCase()} with this id`);
  const sender = input.senderUserId
    ? ((await readMembers(em, metadata.workspaceId, [input.senderUserId])).get(input.senderUserId) ?? null)
    : null;
  const scope: Record<string, unknown> = {
    ...Object.fromEntries(extraMergeFields.map((f) => [f.path, input.extra?.[f.path] ?? null])),
    record: await recordMergeValues(em, metadata, object, row, input.reader),
    sender: sender && { name: sender.name, email: sender.email },
    workspace: { name: await workspaceName(em, metadata.workspaceId) },
  };
  const render = async (liquid: Liquid, parsed: Template[], part: PartName) => {
    try {
      return String(await liquid.render(parsed, scope));
    } catch (error) {
      if (error instanceof LiquidError) throw new BadInput(pathOf(part), error.message);
      throw error;
    }
  };
  const subject = (await render(plainLiquid, compiled.subject, 'subject')).replace(/\s+/g, ' ').trim();
  const body = compiled.html ? await render(htmlLiquid, compiled.html, 'bodyHtml') : null;
  const text = compiled.text ? await render(plainLiquid, compiled.text, 'bodyText') : textOfHtml(body ?? '');
  const html = mailLayout(subject, body ?? htmlOfText(text));
  return { subject, html, text, missing: missingValues(compiled, scope) };
}

const isEmpty = (value: unknown) =>
  value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length);

function missingValues(compiled: Compiled, scope: Record<string, unknown>): string[] {
  const used = [
    ...usedMergeFields(plainLiquid, compiled.subject),
    ...(compiled.html ? usedMergeFields(htmlLiquid, compiled.html) : []),
    ...(compiled.text ? usedMergeFields(plainLiquid, compiled.text) : []),
  ];
  const valueAt = (path: string) =>
    path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | null)?.[key], scope);
  return [...new Set(used)].filter((path) => isEmpty(valueAt(path)));
}
