import { actorOf } from '../audit/index.js';
import { requirePermission, type Permission } from '../identity/index.js';
import { activeObjects, loadMetadata, type ObjectDef, type WorkspaceMetadata } from '../metadata/index.js';
import { BadInput, parseId } from '../platform/index.js';
import type { RecordRow } from '../records/index.js';
import { findDuplicatePairs, findLikelyDuplicates, groupPairs } from './find.js';
import { mergeRecords, mergesOf, undoMerge, type MergeRequest, type MergeRow } from './merge.js';
import { checkRules, readRules, rulesWithFields, saveRules, type DuplicateRule } from './rules.js';
import type { DuplicatesContext } from './services.js';

/** The API's operations: reads need records.read, merges records.write, rules metadata.write. */

interface Opened {
  metadata: WorkspaceMetadata;
  object: ObjectDef;
  actorId: string;
  workspaceId: string;
}

async function open(ctx: DuplicatesContext, permission: Permission, objectKey: string): Promise<Opened> {
  const access = requirePermission(ctx, permission);
  const metadata = await loadMetadata(ctx.em, access.workspaceId);
  const object = activeObjects(metadata).find((o) => o.key === objectKey);
  if (!object) throw new BadInput(['objectKey'], `No object “${objectKey.slice(0, 70)}” in this workspace.`);
  return { metadata, object, actorId: access.caller.user.id, workspaceId: access.workspaceId };
}

/** A record as the duplicates screen shows it: its label and values by field key. */
export interface DuplicateRecord {
  id: string;
  label: string;
  values: RecordRow;
}

function labelOf(object: ObjectDef, row: RecordRow): string {
  const key = object.fields.find((f) => f.id === object.labelFieldId)?.key;
  return key && typeof row[key] === 'string' ? (row[key] as string) : row.id;
}

async function recordsOf(ctx: DuplicatesContext, opened: Opened, ids: readonly string[]) {
  const rows = await ctx.services.records.getMany(
    { em: ctx.em, metadata: opened.metadata, actorId: opened.actorId },
    opened.object,
    ids,
  );
  return new Map(
    rows
      .filter((r): r is RecordRow => r !== null)
      .map((row) => [row.id, { id: row.id, label: labelOf(opened.object, row), values: row }]),
  );
}

export async function getRules(ctx: DuplicatesContext, objectKey: string): Promise<DuplicateRule[]> {
  const opened = await open(ctx, 'records.read', objectKey);
  return readRules(ctx.em, opened.workspaceId, opened.object);
}

export async function setRules(
  ctx: DuplicatesContext,
  objectKey: string,
  rules: DuplicateRule[],
): Promise<DuplicateRule[]> {
  const opened = await open(ctx, 'metadata.write', objectKey);
  const checked = checkRules(opened.object, rules);
  await saveRules(ctx.em, opened.workspaceId, opened.object, checked);
  return checked;
}

export async function likelyDuplicates(
  ctx: DuplicatesContext,
  objectKey: string,
  values: Record<string, unknown>,
  excludeId: string | null,
) {
  const opened = await open(ctx, 'records.read', objectKey);
  if (!values || typeof values !== 'object' || Array.isArray(values))
    throw new BadInput(['values'], 'values: an object of field key → value.');
  const rules = rulesWithFields(opened.object, await readRules(ctx.em, opened.workspaceId, opened.object));
  const matches = await findLikelyDuplicates(ctx.em, opened.metadata, opened.object, rules, values, {
    excludeIds: excludeId ? [parseId(['excludeId'], excludeId)] : [],
  });
  const records = await recordsOf(
    ctx,
    opened,
    matches.map((m) => m.recordId),
  );
  return matches.flatMap((m) => {
    const record = records.get(m.recordId);
    return record ? [{ ...record, fields: m.fields, score: m.score }] : [];
  });
}

export async function duplicateGroups(ctx: DuplicatesContext, objectKey: string, first: number) {
  const opened = await open(ctx, 'records.read', objectKey);
  if (!Number.isInteger(first) || first < 1 || first > 200)
    throw new BadInput(['first'], 'first: 1 to 200 groups.');
  const rules = rulesWithFields(opened.object, await readRules(ctx.em, opened.workspaceId, opened.object));
  const groups = groupPairs(
    await findDuplicatePairs(ctx.em, opened.metadata, opened.object, rules, first * 10),
  ).slice(0, first);
  const records = await recordsOf(ctx, opened, [...new Set(groups.flatMap((g) => g.ids))]);
  return groups
    .map((g) => ({ fields: g.fields, records: g.ids.flatMap((id) => records.get(id) ?? []) }))
    .filter((g) => g.records.length > 1);
}

export async function merge(
  ctx: DuplicatesContext,
  objectKey: string,
  request: MergeRequest,
): Promise<MergeRow> {
  const opened = await open(ctx, 'records.write', objectKey);
  const checked: MergeRequest = {
    survivorId: parseId(['input', 'survivorId'], request.survivorId),
    mergedIds: request.mergedIds.map((id, i) => parseId(['input', 'mergedIds', String(i)], id)),
    choices: Object.fromEntries(
      Object.entries(request.choices).map(([k, id]) => [k, parseId(['input', 'values', k], id)]),
    ),
  };
  return mergeRecords({ ...writerOf(ctx, opened), by: actorOf(ctx) }, opened.object, checked);
}

export async function undo(ctx: DuplicatesContext, mergeId: string): Promise<MergeRow> {
  const access = requirePermission(ctx, 'records.write');
  const metadata = await loadMetadata(ctx.em, access.workspaceId);
  return undoMerge(
    { em: ctx.em, metadata, actorId: access.caller.user.id, store: ctx.services.records },
    parseId(['id'], mergeId),
  );
}

export async function recordMerges(ctx: DuplicatesContext, recordId: string): Promise<MergeRow[]> {
  const access = requirePermission(ctx, 'records.read');
  return mergesOf(ctx.em, access.workspaceId, parseId(['recordId'], recordId));
}

function writerOf(ctx: DuplicatesContext, opened: Opened) {
  return { em: ctx.em, metadata: opened.metadata, actorId: opened.actorId, store: ctx.services.records };
}
