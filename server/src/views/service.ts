import type { Language } from '@crm/contracts';
import { LockMode } from '@mikro-orm/core';
import type { ViewContext } from './services.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { requirePermission, User, Workspace, type WorkspaceAccess } from '../identity/index.js';
import { loadMetadata, type ObjectDef, type WorkspaceMetadata } from '../metadata/index.js';
import { BadInput, Forbidden, NotFound } from '../platform/index.js';
import type { ViewEvent } from './topics.js';
import { ViewRow } from './entity.js';
import { defaultViewPageSize, type ViewKind, type ViewPatch } from './model.js';
import { canEdit, canSee, canShare } from './rights.js';
import { presentView, specOf, type SavedView } from './saved-view.js';
import { checkName, checkView, defaultColumns } from './validate.js';

/** Saved views: read, created and changed one transaction at a time, announced after commit. */

export type NewView = ViewPatch & { name: string; type: ViewKind };

function activeObject(metadata: WorkspaceMetadata, key: string, path: string[]): ObjectDef {
  const object = metadata.objects.find((o) => o.key === key && !o.archivedAt);
  if (!object) throw new BadInput(path, `No object “${key.slice(0, 70)}” in this workspace.`);
  return object;
}

/** The views of an object the caller may see: the shared ones and their own, in order. */
/** The views of one object you can see, or of every object that is not archived. */
export async function listViews(ctx: ViewContext, objectKey: string | null): Promise<SavedView[]> {
  const access = requirePermission(ctx, 'records.read');
  const metadata = await loadMetadata(ctx.em, access.workspaceId);
  const objectIds = objectKey
    ? [activeObject(metadata, objectKey, ['object']).id]
    : metadata.objects.filter((o) => !o.archivedAt).map((o) => o.id);
  const rows = await ctx.em.find(
    ViewRow,
    {
      workspace: access.workspaceId,
      objectId: { $in: objectIds },
      $or: [{ shared: true }, { owner: access.caller.user.id }],
    },
    { populate: ['owner'], orderBy: [{ position: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }] },
  );
  return rows.map((row) => presentView(row, metadata, access, ctx.services.filterLimits));
}

/** A view by id; another workspace's, or another member's private one, is not found. */
export async function getView(ctx: ViewContext, id: string): Promise<SavedView> {
  const access = requirePermission(ctx, 'records.read');
  const row = await ctx.em.findOne(ViewRow, { id, workspace: access.workspaceId }, { populate: ['owner'] });
  if (!row || !canSee(row, access)) throw new NotFound('View');
  return presentView(row, await loadMetadata(ctx.em, access.workspaceId), access, ctx.services.filterLimits);
}

export async function createView(ctx: ViewContext, objectKey: string, input: NewView): Promise<SavedView> {
  const access = requirePermission(ctx, 'records.read');
  if (input.shared) requireShare(access);
  const saved = await ctx.em.transactional(async (em) => {
    const metadata = await loadMetadata(em, access.workspaceId);
    const object = activeObject(metadata, objectKey, ['input', 'object']);
    const view = checkView(metadata, object, null, input, ctx.services.filterLimits);
    const row = em.create(ViewRow, {
      workspace: em.getReference(Workspace, access.workspaceId),
      objectId: object.id,
      owner: em.getReference(User, access.caller.user.id),
      name: view.name ?? input.name,
      type: input.type,
      shared: view.shared ?? false,
      filter: view.filter ?? null,
      sort: view.sort ?? null,
      fields: view.fields ?? defaultColumns(object),
      groupByFieldKey: view.groupByField ?? null,
      calendarFieldKey: view.calendarField ?? null,
      pageSize: view.pageSize ?? defaultViewPageSize,
      position: view.position ?? (await nextPosition(em, access.workspaceId, object.id)),
    });
    await em.flush();
    await em.populate(row, ['owner']);
    return presentView(row, metadata, access, ctx.services.filterLimits);
  });
  await announce(ctx, access, {
    viewId: saved.id,
    kind: 'CREATED',
    ownerId: saved.owner.id,
    shared: saved.shared,
  });
  return saved;
}

/** Changes what `patch` names; the rest stays. */
export async function updateView(ctx: ViewContext, id: string, patch: ViewPatch): Promise<SavedView> {
  const access = requirePermission(ctx, 'records.read');
  const { saved, wasShared } = await ctx.em.transactional(async (em) => {
    const row = await lockEditable(em, access, id);
    const wasShared = row.shared;
    if (patch.shared && !row.shared) requireShare(access);
    const metadata = await loadMetadata(em, access.workspaceId);
    const object = metadata.objects.find((o) => o.id === row.objectId);
    if (!object) throw new NotFound('View');
    const view = checkView(metadata, object, specOf(row), patch, ctx.services.filterLimits);
    // Someone who sees the name translated renames the translation, not the default.
    const own = row.translations?.[ctx.language];
    if (view.name !== undefined && own?.name)
      row.translations = { ...row.translations, [ctx.language]: { ...own, name: view.name } };
    else if (view.name !== undefined) row.name = view.name;
    if (view.type !== undefined) row.type = view.type;
    if (view.shared !== undefined) row.shared = view.shared;
    if (view.filter !== undefined) row.filter = view.filter;
    if (view.sort !== undefined) row.sort = view.sort;
    if (view.fields !== undefined) row.fields = view.fields;
    if (view.groupByField !== undefined) row.groupByFieldKey = view.groupByField;
    if (view.calendarField !== undefined) row.calendarFieldKey = view.calendarField;
    if (view.pageSize !== undefined) row.pageSize = view.pageSize;
    if (view.position !== undefined) row.position = view.position;
    row.updatedAt = new Date();
    await em.flush();
    await em.populate(row, ['owner']);
    return { saved: presentView(row, metadata, access, ctx.services.filterLimits), wasShared };
  });
  await announce(ctx, access, {
    viewId: saved.id,
    kind: 'UPDATED',
    ownerId: saved.owner.id,
    shared: wasShared || saved.shared,
  });
  return saved;
}

export async function deleteView(ctx: ViewContext, id: string): Promise<boolean> {
  const access = requirePermission(ctx, 'records.read');
  const event = await ctx.em.transactional(async (em) => {
    const row = await lockEditable(em, access, id);
    const event: ViewEvent = { viewId: row.id, kind: 'DELETED', ownerId: row.owner.id, shared: row.shared };
    em.remove(row);
    await em.flush();
    return event;
  });
  await announce(ctx, access, event);
  return true;
}

/** Sets (or, with an empty name, removes) a view's name in one language; whoever may edit the view. */
export async function translateView(
  ctx: ViewContext,
  id: string,
  language: Language,
  name: string,
): Promise<SavedView> {
  const access = requirePermission(ctx, 'records.read');
  const text = name.trim() ? checkName(name, ['name']) : '';
  const saved = await ctx.em.transactional(async (em) => {
    const row = await lockEditable(em, access, id);
    const next = { ...row.translations };
    if (text) next[language] = { name: text };
    else delete next[language];
    row.translations = next;
    row.updatedAt = new Date();
    await em.flush();
    await em.populate(row, ['owner']);
    return presentView(row, await loadMetadata(em, access.workspaceId), access, ctx.services.filterLimits);
  });
  await announce(ctx, access, {
    viewId: saved.id,
    kind: 'UPDATED',
    ownerId: saved.owner.id,
    shared: saved.shared,
  });
  return saved;
}

/** A private copy for the caller of a view they can see, placed last. */
export async function duplicateView(ctx: ViewContext, id: string, name: string): Promise<SavedView> {
  const access = requirePermission(ctx, 'records.read');
  const copyName = checkName(name, ['name']);
  const saved = await ctx.em.transactional(async (em) => {
    const source = await em.findOne(ViewRow, { id, workspace: access.workspaceId });
    if (!source || !canSee(source, access)) throw new NotFound('View');
    const metadata = await loadMetadata(em, access.workspaceId);
    const row = em.create(ViewRow, {
      ...specOfRow(source),
      workspace: em.getReference(Workspace, access.workspaceId),
      objectId: source.objectId,
      owner: em.getReference(User, access.caller.user.id),
      name: copyName,
      shared: false,
      position: await nextPosition(em, access.workspaceId, source.objectId),
    });
    await em.flush();
    await em.populate(row, ['owner']);
    return presentView(row, metadata, access, ctx.services.filterLimits);
  });
  await announce(ctx, access, { viewId: saved.id, kind: 'CREATED', ownerId: saved.owner.id, shared: false });
  return saved;
}

/** The saved settings of a row as entity properties, for a copy. */
function specOfRow(row: ViewRow) {
  const spec = specOf(row);
  return {
    type: spec.type,
    filter: spec.filter,
    sort: spec.sort,
    fields: spec.fields,
    groupByFieldKey: spec.groupByField,
    calendarFieldKey: spec.calendarField,
    pageSize: spec.pageSize,
  };
}

/** The view locked for a change, once the caller is known to be allowed to change it. */
async function lockEditable(em: EntityManager, access: WorkspaceAccess, id: string): Promise<ViewRow> {
  const row = await em.findOne(
    ViewRow,
    { id, workspace: access.workspaceId },
    { lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  if (!row || !canSee(row, access)) throw new NotFound('View');
  if (!canEdit(row, access)) {
    throw new Forbidden(
      canShare(access)
        ? 'Only the view’s creator or an admin may change a shared view.'
        : `Your role (${access.role}) may change private views only.`,
    );
  }
  return row;
}

function requireShare(access: WorkspaceAccess): void {
  if (!canShare(access))
    throw new Forbidden(`Your role (${access.role}) may keep private views only; sharing takes a member.`);
}

async function nextPosition(em: EntityManager, workspaceId: string, objectId: string): Promise<number> {
  const last = await em.findOne(
    ViewRow,
    { workspace: workspaceId, objectId },
    { orderBy: { position: 'desc' }, fields: ['position'] },
  );
  return last ? Math.floor(last.position) + 1 : 0;
}

function announce(ctx: ViewContext, access: WorkspaceAccess, event: ViewEvent): Promise<void> {
  return Promise.resolve(ctx.services.events.publish('workspace.views', access.workspaceId, event));
}
