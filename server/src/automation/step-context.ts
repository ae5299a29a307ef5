import type { EntityManager } from '@mikro-orm/postgresql';
import type { FieldDef, ObjectDef, WorkspaceMetadata } from '../metadata/index.js';
import { queryRows } from '../platform/index.js';
import type { RecordChange, RecordContext, RecordRow } from '../records/index.js';
import type { ActionContext, RecordViewer } from './actions/handler.js';
import { referencedFormLinks, referencedHops, renderTemplate } from './merge.js';
import type { AutomationRule, ValueSource } from './model.js';
import type { RunRow } from './runs.js';
import type { AutomationRunServices } from './services.js';

export interface StepScope {
  em: EntityManager;
  services: AutomationRunServices;
  metadata: WorkspaceMetadata;
  object: ObjectDef;
  rule: AutomationRule;
  run: RunRow;
  path: string;
  record: RecordRow | null;
  change: RecordChange | null;
  /** The store's after-commit work, run once the step's transaction commits. */
  afterCommit: (task: () => Promise<void>) => void;
  now: Date;
}

/** Dates as ISO text, so merge fields and JSON outputs read the same. */
function plain(row: RecordRow | Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]),
  );
}

export function actionContext(scope: StepScope): ActionContext {
  const { em, services, metadata, object, rule, run, record } = scope;
  const records: RecordContext = { em, metadata, actorId: rule.id, deferAfterCommit: scope.afterCommit };
  const hops = new Map<string, Promise<unknown>>();
  const hop = (key: string): Promise<unknown> => {
    const field = object.fields.find((f) => f.key === key && !f.archivedAt);
    const id = record?.[key];
    if (!field || typeof id !== 'string') return Promise.resolve(id ?? null);
    if (!hops.has(key)) hops.set(key, loadHop(em, services, records, metadata, field, id));
    return hops.get(key)!;
  };
  const render = async (template: string, viewer?: RecordViewer) => {
    const base = record ? plain(record) : {};
    const hidden = viewer ? hiddenKeys(object, viewer.metadata) : new Set<string>();
    for (const key of hidden) base[key] = null;
    for (const key of referencedHops(template))
      base[key] = hidden.has(key) ? null : viewer ? await viewedHop(key, viewer) : await hop(key);
    const forms = await formLinks(scope, template);
    return renderTemplate(template, { record: base, rule: { id: rule.id, name: rule.name }, forms });
  };
  // A related record as the viewer may see it: null out of their scope, their hidden fields empty.
  const viewedHop = async (key: string, viewer: RecordViewer): Promise<unknown> => {
    const field = object.fields.find((f) => f.key === key && !f.archivedAt);
    const id = record?.[key];
    if (!field || field.type !== 'RELATION' || typeof id !== 'string') return hop(key);
    const scoped = {
      ...records,
      metadata: viewer.metadata,
      ...(viewer.scope ? { scope: viewer.scope } : {}),
    };
    const related = (await loadHop(em, services, scoped, viewer.metadata, field, id)) as Record<
      string,
      unknown
    > | null;
    const target = metadata.objects.find((o) => o.id === field.options.targetObjectId);
    if (!related || !target) return related;
    for (const hiddenKey of hiddenKeys(target, viewer.metadata)) related[hiddenKey] = null;
    return related;
  };
  return {
    em,
    services,
    records,
    metadata,
    workspaceId: run.workspace_id,
    rule,
    object,
    runId: run.id,
    stepPath: scope.path,
    idempotencyKey: `${run.id}:${scope.path}`,
    record,
    change: scope.change,
    actorId: rule.id,
    causedBy: run.actor_id,
    dryRun: run.dry_run,
    now: scope.now,
    render,
    resolve: (source, field) => resolveSource(source, field, record, scope.now, render, hop),
  };
}

/** `forms.<key>.link` for the record: a link to the follow-up form (empty when there is none). */
async function formLinks(scope: StepScope, template: string): Promise<Record<string, { link: string }>> {
  const { em, services, record, run, object } = scope;
  const keys = referencedFormLinks(template);
  const links: Record<string, { link: string }> = {};
  for (const formKey of keys) {
    const link =
      record && services.formLink
        ? await services.formLink(em, {
            workspaceId: run.workspace_id,
            formKey,
            objectKey: object.key,
            recordId: record.id,
          })
        : null;
    links[formKey] = { link: link ?? '' };
  }
  return links;
}

/** Keys of the object's fields the viewer's profile hides (archived in their view, not in the whole). */
function hiddenKeys(object: ObjectDef, view: WorkspaceMetadata): Set<string> {
  const seen = view.objects.find((o) => o.id === object.id);
  return new Set(
    object.fields
      .filter((f) => !f.archivedAt && (!seen || seen.fields.find((v) => v.id === f.id)?.archivedAt))
      .map((f) => f.key),
  );
}

async function loadHop(
  em: EntityManager,
  services: AutomationRunServices,
  records: RecordContext,
  metadata: WorkspaceMetadata,
  field: FieldDef,
  id: string,
): Promise<unknown> {
  if (field.type === 'USER') {
    const [user] = await queryRows<{ id: string; name: string; email: string }>(
      em,
      'select id, name, email from app_user where id = ?',
      [id],
    );
    return user ?? null;
  }
  const target = metadata.objects.find((o) => o.id === field.options.targetObjectId);
  if (field.type !== 'RELATION' || !target) return id;
  const [row] = await services.records.getMany(records, target, [id]);
  return row ? plain(row) : null;
}

async function resolveSource(
  source: ValueSource,
  field: FieldDef,
  record: RecordRow | null,
  now: Date,
  render: (template: string) => Promise<string>,
  hop: (key: string) => Promise<unknown>,
): Promise<unknown> {
  if ('value' in source) return source.value;
  if ('template' in source) return render(source.template);
  if ('relativeDate' in source) {
    const { minutes = 0, hours = 0, days = 0 } = source.relativeDate;
    return asDateOf(field, new Date(now.getTime() + ((days * 24 + hours) * 60 + minutes) * 60_000));
  }
  // `estate.address`: the field of the record a relation points at (null when it points nowhere).
  const [relationKey, fieldKey] = source.fromField.split('.');
  const related =
    fieldKey === undefined ? null : ((await hop(relationKey!)) as Record<string, unknown> | null);
  const value = (fieldKey === undefined ? record?.[source.fromField] : related?.[fieldKey]) ?? null;
  return value instanceof Date ||
    (typeof value === 'string' &&
      /^\d{4}-\d{2}-\d{2}/.test(value) &&
      (field.type === 'DATE' || field.type === 'DATETIME'))
    ? asDateOf(field, new Date(value))
    : value;
}

function asDateOf(field: FieldDef, moment: Date): string {
  return field.type === 'DATE' ? moment.toISOString().slice(0, 10) : moment.toISOString();
}
