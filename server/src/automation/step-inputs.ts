import type { EntityManager } from '@mikro-orm/postgresql';
import type { WorkspaceMetadata } from '../metadata/index.js';
import { readChangesById, type RecordRow } from '../records/index.js';
import { toRecordChange } from './changes.js';
import type { AutomationRule } from './model.js';
import { stepAttempts } from './run-progress.js';
import { findRule } from './rules.js';
import type { RunRow } from './runs.js';
import type { AutomationRunServices } from './services.js';
import type { StepScope } from './step-context.js';

/** What a run's step reads besides the run: the same for every run of a batch, read once per batch. */
export type RunScope = Pick<StepScope, 'metadata' | 'object' | 'rule' | 'record' | 'change'>;

export interface StepInputs {
  /** Null when the run's rule or object is gone. */
  of(run: RunRow): RunScope | null;
  /** How often the step ran before (a retried step). */
  attempts(run: RunRow, path: string): number;
}

/** The batch's metadata, rules, records, triggering changes and step attempts, a statement or so each. */
export async function loadStepInputs(
  em: EntityManager,
  services: AutomationRunServices,
  runs: readonly RunRow[],
): Promise<StepInputs> {
  const metadata = new Map<string, WorkspaceMetadata | null>();
  for (const workspaceId of new Set(runs.map((r) => r.workspace_id)))
    metadata.set(workspaceId, (await services.metadataCache.get(em, workspaceId)) ?? null);
  const rules = new Map<string, AutomationRule | null>();
  for (const run of runs) rules.set(run.id, await ruleOf(em, run));
  const objectOf = (run: RunRow) =>
    metadata.get(run.workspace_id)?.objects.find((o) => o.key === run.object_key && !o.archivedAt);

  const records = new Map<string, RecordRow | null>();
  const changes = new Map<string, RunScope['change']>();
  for (const [workspaceId, meta] of metadata) {
    if (!meta) continue;
    const ofWorkspace = runs.filter((r) => r.workspace_id === workspaceId);
    for (const object of meta.objects) {
      const reading = ofWorkspace.filter((r) => r.record_id && objectOf(r) === object && rules.get(r.id));
      if (!reading.length) continue;
      const ids = [...new Set(reading.map((r) => r.record_id!))];
      const ctx = { em, metadata: meta, actorId: rules.get(reading[0]!.id)!.id };
      const rows = await services.records.getMany(ctx, object, ids, { includeDeleted: true });
      ids.forEach((id, i) => records.set(id, rows[i] ?? null));
    }
    const changeIds = [...new Set(ofWorkspace.flatMap((r) => (r.change_id ? [String(r.change_id)] : [])))];
    for (const row of await readChangesById(em, meta.schema, changeIds))
      changes.set(String(row.id), toRecordChange(row));
  }
  const attempts = await stepAttempts(
    em,
    runs.map((r) => r.id),
  );
  return {
    of(run) {
      const meta = metadata.get(run.workspace_id);
      const rule = rules.get(run.id);
      const object = objectOf(run);
      if (!meta || !rule || !object) return null;
      return {
        metadata: meta,
        object,
        rule,
        record: run.record_id ? (records.get(run.record_id) ?? null) : null,
        change: run.change_id ? (changes.get(String(run.change_id)) ?? null) : null,
      };
    },
    attempts: (run, path) => attempts.get(`${run.id}:${path}`) ?? 0,
  };
}

/** Rules by id and version: a version never changes, so each process reads one once. */
const ruleVersions = new Map<string, AutomationRule>();
const maxCachedRules = 1_000;

async function ruleOf(em: EntityManager, run: RunRow): Promise<AutomationRule | null> {
  const key = `${run.rule_id}:${run.rule_version}`;
  const cached = ruleVersions.get(key);
  if (cached) return cached;
  const rule = await findRule(em, run.workspace_id, run.rule_id);
  if (rule?.version === run.rule_version) {
    if (ruleVersions.size >= maxCachedRules) ruleVersions.clear();
    ruleVersions.set(key, rule);
  }
  return rule;
}
