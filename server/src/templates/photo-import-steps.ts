import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { scheduleJobs } from '../jobs/index.js';
import { type FieldDef, type ObjectDef, qualified, quote } from '../metadata/index.js';
import { fromFields, urlFieldTypes } from './check-photos.js';
import type { TemplateMigration } from './format.js';
import type { PlanInput, Step, StepRun } from './plan.js';

/** The durable job that fetches one record's photos (photo-import-job.ts). */
export const importPhotosTask = 'templates.importPhotos';

/** Attempts of a job whose fetches keep failing for a reason worth retrying (a timeout, a 5xx). */
export const importPhotosMaxAttempts = 5;

/** The URLs in a record's source fields, in field order, without repeats (LONG_TEXT: one per line). */
export function urlsOf(values: unknown[]): string[] {
  const urls = values.flatMap((value) =>
    typeof value === 'string' ? value.split(/\r?\n/).map((line) => line.trim()) : [],
  );
  return [...new Set(urls.filter(Boolean))];
}

type Sql = Pick<EntityManager, 'execute'>;

function sourceFields(object: ObjectDef, migration: TemplateMigration): FieldDef[] {
  // Archived fields count: the upgrade archives a URL field it leaves out, values kept.
  return fromFields(migration.copyUrlToImage?.from ?? [])
    .map((key) => object.fields.find((f) => f.key === key && !f.system))
    .filter((f): f is FieldDef => !!f && urlFieldTypes.has(f.type) && !!f.column);
}

/** The live records with a value in a source field: `from … where …` of the object's table. */
function withUrls(schema: string, object: ObjectDef, sources: FieldDef[]): string {
  const filled = sources.map((f) => `coalesce(btrim(${quote(f.column!)}), '') <> ''`).join(' or ');
  return `from ${qualified(schema, object.table)} where deleted_at is null and (${filled})`;
}

async function countWithUrls(em: Sql, schema: string, object: ObjectDef, sources: FieldDef[]) {
  const [row] = await em.execute<{ n: string }[]>(
    `select count(*) as n ${withUrls(schema, object, sources)}`,
  );
  return Number(row?.n ?? 0);
}

async function recordsWithUrls(
  em: Sql,
  schema: string,
  object: ObjectDef,
  sources: FieldDef[],
): Promise<{ id: string; values: unknown[] }[]> {
  const columns = sources.map((f, i) => `${quote(f.column!)} as s${i}`).join(', ');
  const rows = await em.execute<Record<string, unknown>[]>(
    `select id, ${columns} ${withUrls(schema, object, sources)} order by created_at, id`,
  );
  return rows.map((row) => ({ id: row.id as string, values: sources.map((_, i) => row[`s${i}`]) }));
}

/**
 * `migrations` with `copyUrlToImage` on an upgrade from a version before theirs: one step each
 * that records every URL to fetch and queues a durable job per record, in the install's
 * transaction; the fetching happens after it commits, never inside it.
 */
export async function photoImportSteps(input: PlanInput): Promise<Step[]> {
  const from = input.baseVersion;
  if (from === null) return [];
  const steps: Step[] = [];
  for (const migration of input.template.migrations ?? []) {
    if (migration.version <= from || !migration.copyUrlToImage) continue;
    const { object: objectKey, to } = migration.copyUrlToImage;
    const object = input.metadata.objects.find((o) => o.key === objectKey && !o.archivedAt);
    const sources = object ? sourceFields(object, migration) : [];
    if (!object || !sources.length) continue;
    const count = await countWithUrls(input.em, input.metadata.schema, object, sources);
    if (!count) continue;
    steps.push({
      phase: 10,
      action: 'IMPORT_PHOTOS',
      target: `${objectKey}.${to}`,
      description: `Fetch the photos at the URLs in ${sources.map((f) => `${objectKey}.${f.key}`).join(', ')} of ${count} records into ${objectKey}.${to}, in the background`,
      apply: (run) => queueImports(run, input.template.key, migration),
    });
  }
  return steps;
}

async function queueImports(run: StepRun, templateKey: string, migration: TemplateMigration): Promise<void> {
  const metadata = await run.refresh();
  const { object: objectKey, to } = migration.copyUrlToImage!;
  const object = metadata.objects.find((o) => o.key === objectKey && !o.archivedAt);
  const target = object?.fields.find((f) => f.key === to && !f.archivedAt);
  // The admin archived the object or the IMAGE field: nothing to copy into.
  if (!object || target?.type !== 'IMAGE') return;
  const sources = sourceFields(object, migration);
  const em = run.tx.em;
  const records = await recordsWithUrls(em, metadata.schema, object, sources);
  const rows = records.flatMap((record) =>
    urlsOf(record.values).map((url, position) => ({ record, url, position })),
  );
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await em.execute(
      `insert into template_photo_import
         (id, workspace_id, template_key, template_version, object_id, object_key, record_id,
          from_field_id, to_field_id, to_field_key, position, url, actor_id)
       select (r->>'id')::uuid, ?, ?, ?, ?, ?, (r->>'recordId')::uuid, (r->>'fromFieldId')::uuid, ?, ?,
              (r->>'position')::int, r->>'url', ?
       from jsonb_array_elements(?::jsonb) r
       on conflict (workspace_id, record_id, to_field_id, url) do nothing`,
      [
        metadata.workspaceId,
        templateKey,
        migration.version,
        object.id,
        object.key,
        target.id,
        target.key,
        run.actorId,
        JSON.stringify(
          chunk.map(({ record, url, position }) => ({
            id: randomUUID(),
            recordId: record.id,
            fromFieldId:
              sources[record.values.findIndex((v) => typeof v === 'string' && v.includes(url))]?.id,
            position,
            url,
          })),
        ),
      ],
    );
  }
  for (let i = 0; i < records.length; i += 500) {
    await scheduleJobs(
      em,
      records.slice(i, i + 500).map((record) => ({
        task: importPhotosTask,
        payload: { workspaceId: metadata.workspaceId, recordId: record.id, toFieldId: target.id },
        runAt: new Date(),
        key: `template-photos:${record.id}:${target.id}`,
        maxAttempts: importPhotosMaxAttempts,
      })),
    );
  }
}
