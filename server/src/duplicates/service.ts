import { actorOf } from '../audit/index.js';
import { requirePermission, type Permission } from '../identity/index.js';
import {
  activeFields,
  activeObjects,
  loadMetadata,
  type FieldDef,
  type ObjectDef,
  type WorkspaceMetadata,
} from '../metadata/index.js';
import { BadInput, parseId } from '../platform/index.js';
import { callerView, checkRowScope, guardWrite, type RecordRow, type RecordScope } from '../records/index.js';
import { findDuplicatePairs, findLikelyDuplicates, groupPairs, type ReadableRows } from './find.js';
import {
  mergeableFields,
  mergeRecords,
  mergesOf,
  undoMerge,
  type MergeRequest,
  type MergeRow,
} from './merge.js';
import { checkRules, readRules, rulesWithFields, saveRules, type DuplicateRule } from './rules.js';
import type { DuplicatesContext } from './services.js';

/** The API's operations: reads need records.read, merges records.write, rules metadata.write. */

interface Opened {
  /** The metadata and object as the caller sees them (fields their profile hides archived). */
  metadata: WorkspaceMetadata;
  object: ObjectDef;
  /** The whole metadata and object: what writes and the scope's predicate work on. */
  full: WorkspaceMetadata;
  fullObject: ObjectDef;
  /** The caller's record scope; none: every record. */
  scope?: RecordScope;
  actorId: string;
  workspaceId: string;
}

async function open(ctx: DuplicatesContext, permission: Permission, objectKey: string): Promise<Opened> {
  const access = requirePermission(ctx, permission);
  const full = await loadMetadata(ctx.em, access.workspaceId);
  const { metadata, scope } = await callerView(ctx.services.recordAccess, access, full);
  const object = activeObjects(metadata).find((o) => o.key === objectKey);
  const fullObject = full.objects.find((o) => o.id === object?.id);
  if (!object || !fullObject)
    throw new BadInput(['objectKey'], `No object “${objectKey.slice(0, 70)}” in this workspace.`);
  return {
    metadata,
    object,
    full,
    fullObject,
    ...(scope ? { scope } : {}),
    actorId: access.caller.user.id,
    workspaceId: access.workspaceId,
  };
}

/** The caller's read scope over a table alias, for the duplicate queries (undefined: every record). */
function readableOf(opened: Opened): ReadableRows | undefined {
  const { scope, fullObject } = opened;
  return scope && ((alias) => scope.rows(fullObject, 'read', alias));
}

/** Rules on fields the caller's profile hides are not theirs to see nor to match by. */
function visibleRules(opened: Opened, rules: readonly DuplicateRule[]): DuplicateRule[] {
  const shown = new Set(activeFields(opened.object).map((f) => f.key));
  const known = new Set(activeFields(opened.fullObject).map((f) => f.key));
  return rules.filter((rule) => shown.has(rule.field) || !known.has(rule.field));
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
    {
      em: ctx.em,
      metadata: opened.metadata,
      actorId: opened.actorId,
      ...(opened.scope ? { scope: opened.scope } : {}),
    },
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
  return visibleRules(opened, await readRules(ctx.em, opened.workspaceId, opened.fullObject));
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
  const readable = readableOf(opened);
  const matches = await findLikelyDuplicates(ctx.em, opened.metadata, opened.object, rules, values, {
    excludeIds: excludeId ? [parseId(['excludeId'], excludeId)] : [],
    ...(readable ? { readable } : {}),
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
    await findDuplicatePairs(ctx.em, opened.metadata, opened.object, rules, first * 10, readableOf(opened)),
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
  const choosable = await guardMerge(ctx, opened, checked);
  return mergeRecords({ ...writerOf(ctx, opened), by: actorOf(ctx) }, opened.fullObject, checked, choosable);
}

/**
 * The caller's permission profile on a merge, through the records' own write check: the
 * survivor is updated and the others deleted, so those scopes (NOT_FOUND when a record is not
 * readable, FORBIDDEN otherwise), and no read-only field among the choices. Answers the fields
 * whose values may be chosen: those the caller sees and may write (hidden ones keep the survivor's).
 */
async function guardMerge(
  ctx: DuplicatesContext,
  opened: Opened,
  request: MergeRequest,
): Promise<FieldDef[] | undefined> {
  const { scope } = opened;
  if (!scope) return undefined;
  const guard = { em: ctx.em, metadata: opened.full, actorId: opened.actorId, scope };
  guardWrite(guard, opened.fullObject, { action: 'update', inputs: [request.choices] });
  await checkRowScope(guard, opened.fullObject, 'update', [request.survivorId]);
  await checkRowScope(guard, opened.fullObject, 'delete', request.mergedIds);
  const readOnly = scope.readOnlyKeys(opened.fullObject);
  return mergeableFields(opened.object).filter((f) => !readOnly.has(f.key));
}

export async function undo(ctx: DuplicatesContext, mergeId: string): Promise<MergeRow> {
  const access = requirePermission(ctx, 'records.write');
  const metadata = await loadMetadata(ctx.em, access.workspaceId);
  const { scope } = await callerView(ctx.services.recordAccess, access, metadata);
  const actorId = access.caller.user.id;
  // Undoing writes the same records as the merge did: the same scopes.
  const guard = scope
    ? async (object: ObjectDef, merge: MergeRow) => {
        const writer = { em: ctx.em, metadata, actorId, scope };
        await checkRowScope(writer, object, 'update', [merge.survivorId]);
        await checkRowScope(writer, object, 'delete', merge.mergedIds);
      }
    : undefined;
  return undoMerge(
    { em: ctx.em, metadata, actorId, store: ctx.services.records },
    parseId(['id'], mergeId),
    guard,
  );
}

/** The merges into or out of a record, when the caller may read the record they left (the survivor). */
export async function recordMerges(ctx: DuplicatesContext, recordId: string): Promise<MergeRow[]> {
  const access = requirePermission(ctx, 'records.read');
  const merges = await mergesOf(ctx.em, access.workspaceId, parseId(['recordId'], recordId));
  if (!merges.length) return merges;
  const metadata = await loadMetadata(ctx.em, access.workspaceId);
  const { scope } = await callerView(ctx.services.recordAccess, access, metadata);
  if (!scope) return merges;
  const kept: MergeRow[] = [];
  for (const merge of merges) {
    const object = metadata.objects.find((o) => o.id === merge.objectId);
    const context = { em: ctx.em, metadata, actorId: access.caller.user.id, scope };
    const [survivor] = object ? await ctx.services.records.getMany(context, object, [merge.survivorId]) : [];
    if (survivor) kept.push(merge);
  }
  return kept;
}

function writerOf(ctx: DuplicatesContext, opened: Opened) {
  return { em: ctx.em, metadata: opened.full, actorId: opened.actorId, store: ctx.services.records };
}
