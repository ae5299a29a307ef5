import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { startCursor } from '../consumers/index.js';
import { requirePermission } from '../identity/index.js';
import { changeMetadata, type WorkspaceMetadata } from '../metadata/index.js';
import { BadInput, NotFound, queryRows } from '../platform/index.js';
import { recheckRules } from './active-rules.js';
import { checkRule } from './check.js';
import { dispatcherName } from './dispatcher.js';
import { runSteps } from './executor.js';
import { findRun, listRuns, type RunPage, type RunWithSteps } from './history.js';
import type { AutomationRule, RuleSpec } from './model.js';
import { deleteRule, getRule, insertRule, listRules, setFiresAfter, specOf, updateRule } from './rules.js';
import { recordRunGate } from './run-access.js';
import { startRun } from './runs.js';
import type { AutomationContext } from './services.js';
import { recordRunsRoute, ruleRunsRoute } from './topics.js';
import type { TimeTriggers } from './triggers/contract.js';

/** The API's operations: rule writes are metadata changes (admins; the version bump tells every process). */

export async function readRules(
  ctx: AutomationContext,
  objectKey?: string | null,
): Promise<AutomationRule[]> {
  const { workspaceId } = requirePermission(ctx, 'metadata.write');
  return withProblems(ctx, workspaceId, await listRules(ctx.em, workspaceId, objectKey));
}

export async function readRule(ctx: AutomationContext, id: string): Promise<AutomationRule | null> {
  const { workspaceId } = requirePermission(ctx, 'metadata.write');
  const rules = (await listRules(ctx.em, workspaceId)).filter((r) => r.id === id);
  return (await withProblems(ctx, workspaceId, rules))[0] ?? null;
}

/** Rules a metadata change broke since they were last read show their reason. */
async function withProblems(ctx: AutomationContext, workspaceId: string, rules: AutomationRule[]) {
  const metadata = await ctx.services.metadataCache.get(ctx.em, workspaceId);
  if (!metadata) return rules;
  const working = new Set((await recheckRules(ctx.em, metadata, rules)).map((r) => r.id));
  const broken = rules.filter((r) => r.enabled && !r.disabledReason && !working.has(r.id)).map((r) => r.id);
  if (!broken.length) return rules;
  return listRules(ctx.em, workspaceId).then((all) => all.filter((r) => rules.some((x) => x.id === r.id)));
}

export async function createRule(ctx: AutomationContext, input: unknown): Promise<AutomationRule> {
  return changeMetadata(ctx, async (tx) => {
    const spec = checkRule(tx.metadata, input, ['input'], await memberIds(tx.em, tx.workspaceId));
    const rule = await insertRule(tx.em, tx.workspaceId, spec);
    return ruleSaved(tx.em, tx.metadata, ctx.services.automationTimeTriggers, rule, null);
  });
}

export async function editRule(
  ctx: AutomationContext,
  id: string,
  input: unknown,
  expectedVersion?: number | null,
): Promise<AutomationRule> {
  return changeMetadata(ctx, async (tx) => {
    const spec = checkRule(tx.metadata, input, ['input'], await memberIds(tx.em, tx.workspaceId));
    const before = await getRule(tx.em, tx.workspaceId, id);
    const rule = await updateRule(tx.em, tx.workspaceId, id, spec, expectedVersion);
    return ruleSaved(tx.em, tx.metadata, ctx.services.automationTimeTriggers, rule, before);
  });
}

export async function setRuleEnabled(
  ctx: AutomationContext,
  id: string,
  enabled: boolean,
): Promise<AutomationRule> {
  return changeMetadata(ctx, async (tx) => {
    const current = await getRule(tx.em, tx.workspaceId, id);
    const spec = enabled
      ? checkRule(tx.metadata, { ...specOf(current), enabled })
      : { ...specOf(current), enabled };
    const rule = await updateRule(tx.em, tx.workspaceId, id, spec);
    return ruleSaved(tx.em, tx.metadata, ctx.services.automationTimeTriggers, rule, current);
  });
}

export async function removeRule(ctx: AutomationContext, id: string): Promise<boolean> {
  return changeMetadata(ctx, async (tx) => {
    const deleted = await deleteRule(tx.em, tx.workspaceId, id);
    if (deleted) await ctx.services.automationTimeTriggers.ruleSaved(tx.em, tx.metadata, id, null);
    return deleted;
  });
}

/** Who may be named in a rule (assignees, recipients): the workspace's members now. */
async function memberIds(em: EntityManager, workspaceId: string): Promise<Set<string>> {
  const rows = await em.execute<{ user_id: string }[]>(
    'select user_id from membership where workspace_id = ?',
    [workspaceId],
  );
  return new Set(rows.map((row) => row.user_id));
}

async function ruleSaved(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  timeTriggers: TimeTriggers,
  rule: AutomationRule,
  before: AutomationRule | null,
): Promise<AutomationRule> {
  // The dispatcher reads the changes after the first active rule, not the workspace's history
  // (nor what it skipped while no rule was active).
  const [other] = await queryRows(
    em,
    'select 1 from automation_rule where workspace_id = ? and enabled and disabled_reason is null and id <> ? limit 1',
    [metadata.workspaceId, rule.id],
  );
  const wasActive = Boolean(before?.enabled && !before.disabledReason);
  const logEnd = await startCursor(em, metadata, dispatcherName, { restart: !other && !wasActive });
  // The cursor lags while no rule is on the changes' object (they do not wake the dispatcher):
  // a rule turning active must not start runs for what was written before it.
  const saved = rule.enabled && !wasActive ? await setFiresAfter(em, rule, logEnd) : rule;
  await timeTriggers.ruleSaved(em, metadata, saved.id, saved);
  return saved;
}

/**
 * Installs or upgrades rules by key in the caller's transaction (a template install, in
 * its metadata transaction, which bumps the version): each spec checked (paths under
 * `automations.<i>`), a rule with the same key updated, otherwise created. Returns them.
 */
export async function saveRulesByKey(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  workspaceId: string,
  specs: readonly RuleSpec[],
  _actorId: string,
  timeTriggers: TimeTriggers,
): Promise<AutomationRule[]> {
  const existing = await listRules(em, workspaceId);
  const saved: AutomationRule[] = [];
  for (const [i, input] of specs.entries()) {
    const spec = checkRule(metadata, input, ['automations', String(i)]);
    if (!spec.key) throw new BadInput(['automations', String(i), 'key'], 'key: a template’s rule needs one.');
    const current = existing.find((r) => r.key === spec.key);
    const rule = current
      ? await updateRule(em, workspaceId, current.id, { ...spec, enabled: current.enabled })
      : await insertRule(em, workspaceId, spec);
    saved.push(await ruleSaved(em, metadata, timeTriggers, rule, current ?? null));
  }
  return saved;
}

export async function readRuns(
  ctx: AutomationContext,
  filter: { ruleId?: string | null; recordId?: string | null },
  first: number,
  after: string | null,
): Promise<RunPage> {
  // Members see the runs on records they may read; the rest is the admins'.
  const onRecord = filter.recordId && !filter.ruleId;
  const access = requirePermission(ctx, onRecord ? 'records.read' : 'metadata.write');
  if (!Number.isInteger(first) || first < 1 || first > 200) throw new BadInput(['first'], 'first: 1 to 200.');
  const page = await listRuns(ctx.em, access.workspaceId, filter, first, after);
  const gate = onRecord ? await recordRunGate(ctx, access) : null;
  if (!gate) return page;
  const nodes = await Promise.all(page.nodes.map(gate));
  if (nodes.some((run) => !run)) throw new NotFound(`The record ${filter.recordId}`);
  return { ...page, nodes: nodes as RunWithSteps[] };
}

/** The bus route of the runs a caller may watch: a rule's (admins) or a record's (members), and the gate `readRuns` applies. */
export async function runWatch(
  ctx: AutomationContext,
  filter: { ruleId?: string | null; recordId?: string | null },
): Promise<{ route: string; gate: Awaited<ReturnType<typeof recordRunGate>> }> {
  if (!filter.ruleId === !filter.recordId)
    throw new BadInput(['ruleId'], 'Watch the runs of one rule (ruleId) or of one record (recordId).');
  const access = requirePermission(ctx, filter.recordId ? 'records.read' : 'metadata.write');
  if (filter.ruleId) return { route: ruleRunsRoute(access.workspaceId, filter.ruleId), gate: null };
  return {
    route: recordRunsRoute(access.workspaceId, filter.recordId!),
    gate: await recordRunGate(ctx, access),
  };
}

export async function manualRules(ctx: AutomationContext, objectKey: string): Promise<AutomationRule[]> {
  const { workspaceId } = requirePermission(ctx, 'records.read');
  return (await listRules(ctx.em, workspaceId, objectKey)).filter(
    (r) => r.trigger.kind === 'MANUAL' && r.enabled && !r.disabledReason,
  );
}

/** A MANUAL rule's run on a record, asked by a member who may write records. */
export async function runManually(
  ctx: AutomationContext,
  ruleId: string,
  recordId: string,
): Promise<RunWithSteps> {
  const { workspaceId, caller } = requirePermission(ctx, 'records.write');
  const rule = await getRule(ctx.em, workspaceId, ruleId);
  if (rule.trigger.kind !== 'MANUAL')
    throw new BadInput(['ruleId'], 'Only a MANUAL rule runs from the record.');
  if (!rule.enabled || rule.disabledReason) throw new BadInput(['ruleId'], 'This rule is disabled.');
  await requireRecord(ctx, workspaceId, rule, recordId);
  const runId = await ctx.em.transactional((em) =>
    startRun(em, {
      workspaceId,
      ruleId,
      recordId,
      trigger: 'MANUAL',
      dedupeKey: `manual:${randomUUID()}`,
      actorId: caller.user.id,
    }),
  );
  return (await findRun(ctx.em, workspaceId, runId!))!;
}

/** The rule on a record without writing: each step says what it would do. */
export async function dryRun(
  ctx: AutomationContext,
  ruleId: string,
  recordId: string,
): Promise<RunWithSteps> {
  const { workspaceId, caller } = requirePermission(ctx, 'metadata.write');
  const rule = await getRule(ctx.em, workspaceId, ruleId);
  await requireRecord(ctx, workspaceId, rule, recordId);
  const runId = await ctx.em.transactional((em) =>
    startRun(
      em,
      {
        workspaceId,
        ruleId,
        recordId,
        trigger: rule.trigger.kind,
        dedupeKey: `dry:${randomUUID()}`,
        actorId: caller.user.id,
      },
      { dryRun: true },
    ),
  );
  await runSteps({ fork: () => ctx.em.fork(), services: ctx.services }, runId!);
  return (await findRun(ctx.em.fork(), workspaceId, runId!))!;
}

/** A failed (or loop-stopped) run again, as a new run of the rule's current version. */
export async function rerun(ctx: AutomationContext, id: string): Promise<RunWithSteps> {
  const { workspaceId, caller } = requirePermission(ctx, 'metadata.write');
  const run = await findRun(ctx.em, workspaceId, id);
  if (!run) throw new NotFound('The automation run');
  if (run.status !== 'FAILED' && run.status !== 'LOOP_STOPPED')
    throw new BadInput(['id'], `Only a failed run runs again (this one is ${run.status}).`);
  const runId = await ctx.em.transactional((em) =>
    startRun(
      em,
      {
        workspaceId,
        ruleId: run.rule_id,
        recordId: run.record_id,
        trigger: run.trigger as AutomationRule['trigger']['kind'],
        changeId: run.change_id,
        dedupeKey: `rerun:${run.id}:${randomUUID()}`,
        actorId: caller.user.id,
      },
      { manual: true },
    ),
  );
  if (!runId) throw new NotFound('The automation rule');
  return (await findRun(ctx.em, workspaceId, runId))!;
}

async function requireRecord(
  ctx: AutomationContext,
  workspaceId: string,
  rule: AutomationRule,
  recordId: string,
) {
  const metadata = await ctx.services.metadataCache.get(ctx.em, workspaceId);
  const object = metadata?.objects.find((o) => o.key === rule.object && !o.archivedAt);
  const actorId = ctx.caller!.user.id;
  const [record] = object
    ? await ctx.services.records.getMany({ em: ctx.em, metadata: metadata!, actorId }, object, [recordId])
    : [];
  if (!record) throw new NotFound(`The ${rule.object} record`);
}
