import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Conflict, NotFound, queryRows } from '../platform/index.js';
import type { AutomationRule, RuleSpec } from './model.js';

/** Rules as rows of `automation_rule`; every write goes through `checkRule` first (the callers). */

interface RuleRow {
  id: string;
  workspace_id: string;
  key: string | null;
  name: string;
  description: string;
  object_key: string;
  enabled: boolean;
  version: number;
  disabled_reason: string | null;
  fires_after_change: string | null;
  trigger: AutomationRule['trigger'];
  condition: AutomationRule['condition'];
  actions: AutomationRule['actions'];
  created_at: Date;
  updated_at: Date;
}

function toRule(row: RuleRow): AutomationRule {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    key: row.key,
    name: row.name,
    description: row.description,
    object: row.object_key,
    enabled: row.enabled,
    version: row.version,
    disabledReason: row.disabled_reason,
    firesAfterChange: row.fires_after_change === null ? null : BigInt(row.fires_after_change),
    trigger: row.trigger,
    condition: row.condition,
    actions: row.actions,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/** The workspace's rules (of one object when given), oldest first. */
export async function listRules(
  em: EntityManager,
  workspaceId: string,
  objectKey?: string | null,
): Promise<AutomationRule[]> {
  const rows = await queryRows<RuleRow>(
    em,
    `select * from automation_rule where workspace_id = ?${objectKey ? ' and object_key = ?' : ''} order by created_at, id`,
    objectKey ? [workspaceId, objectKey] : [workspaceId],
  );
  return rows.map(toRule);
}

export async function findRule(
  em: EntityManager,
  workspaceId: string,
  id: string,
): Promise<AutomationRule | null> {
  const [row] = await queryRows<RuleRow>(
    em,
    'select * from automation_rule where workspace_id = ? and id = ?',
    [workspaceId, id],
  );
  return row ? toRule(row) : null;
}

export async function getRule(em: EntityManager, workspaceId: string, id: string): Promise<AutomationRule> {
  const rule = await findRule(em, workspaceId, id);
  if (!rule) throw new NotFound('The automation rule');
  return rule;
}

export async function insertRule(
  em: EntityManager,
  workspaceId: string,
  spec: RuleSpec,
): Promise<AutomationRule> {
  const [row] = await queryRows<RuleRow>(
    em,
    `insert into automation_rule (id, workspace_id, key, name, description, object_key, enabled, trigger, condition, actions)
     values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb) returning *`,
    [
      randomUUID(),
      workspaceId,
      spec.key ?? null,
      spec.name,
      spec.description ?? '',
      spec.object,
      spec.enabled,
      JSON.stringify(spec.trigger),
      spec.condition ? JSON.stringify(spec.condition) : null,
      JSON.stringify(spec.actions),
    ],
  );
  return toRule(row!);
}

/** A new version of the rule; refused with CONFLICT when `expectedVersion` is not the current one. */
export async function updateRule(
  em: EntityManager,
  workspaceId: string,
  id: string,
  spec: RuleSpec,
  expectedVersion?: number | null,
): Promise<AutomationRule> {
  const current = await getRule(em, workspaceId, id);
  if (expectedVersion !== undefined && expectedVersion !== null && expectedVersion !== current.version)
    throw new Conflict(`The rule changed meanwhile (now version ${current.version}).`, {
      version: current.version,
    });
  const [row] = await queryRows<RuleRow>(
    em,
    `update automation_rule set key = ?, name = ?, description = ?, object_key = ?, enabled = ?, trigger = ?::jsonb,
       condition = ?::jsonb, actions = ?::jsonb, version = version + 1, disabled_reason = null, updated_at = now()
     where workspace_id = ? and id = ? returning *`,
    [
      spec.key === undefined ? current.key : spec.key,
      spec.name,
      spec.description ?? '',
      spec.object,
      spec.enabled,
      JSON.stringify(spec.trigger),
      spec.condition ? JSON.stringify(spec.condition) : null,
      JSON.stringify(spec.actions),
      workspaceId,
      id,
    ],
  );
  return toRule(row!);
}

/** The rule starts from here: changes up to `changeId` are older than it. */
export async function setFiresAfter(
  em: EntityManager,
  rule: AutomationRule,
  changeId: bigint,
): Promise<AutomationRule> {
  await queryRows(em, 'update automation_rule set fires_after_change = ?::bigint where id = ?', [
    changeId.toString(),
    rule.id,
  ]);
  return { ...rule, firesAfterChange: changeId };
}

export async function deleteRule(em: EntityManager, workspaceId: string, id: string): Promise<boolean> {
  const rows = await queryRows(
    em,
    'delete from automation_rule where workspace_id = ? and id = ? returning id',
    [workspaceId, id],
  );
  return rows.length > 0;
}

/** Marks a rule broken by a metadata change (only the version that was checked). */
export async function setDisabledReason(
  em: EntityManager,
  rule: AutomationRule,
  reason: string,
): Promise<void> {
  await queryRows(
    em,
    'update automation_rule set disabled_reason = ?, updated_at = now() where id = ? and version = ? and disabled_reason is null',
    [reason, rule.id, rule.version],
  );
}

/** The spec part of a rule, for comparing and re-checking. */
export function specOf(rule: AutomationRule): RuleSpec {
  const { key, name, description, object, enabled, trigger, condition, actions } = rule;
  return { key, name, description, object, enabled, trigger, condition, actions };
}
