import type { EntityManager } from '@mikro-orm/postgresql';
import { activeFields, type FieldDef, type ObjectDef } from '../metadata/index.js';
import { BadInput, queryRows } from '../platform/index.js';

/**
 * Duplicate rules are data, per object: a record is a likely duplicate of another when any
 * rule matches. EXACT compares normalised values (e-mail, phone, or trimmed lower-case
 * text); FUZZY compares names by trigram similarity (pg_trgm) at a threshold.
 */
export type MatchKind = 'EXACT' | 'FUZZY';

export interface DuplicateRule {
  field: string;
  match: MatchKind;
  /** FUZZY: the least trigram similarity, 0–1 (0.6 when not given). */
  threshold?: number;
}

export const defaultThreshold = 0.6;
const exactTypes = new Set(['EMAIL', 'PHONE', 'TEXT', 'URL']);
const maxRules = 10;

/** Without stored rules: exact on every e-mail and phone field, fuzzy on the label field. */
export function defaultRules(object: ObjectDef): DuplicateRule[] {
  const fields = activeFields(object).filter((f) => !f.system);
  const rules: DuplicateRule[] = fields
    .filter((f) => f.type === 'EMAIL' || f.type === 'PHONE')
    .map((f) => ({ field: f.key, match: 'EXACT' }));
  const label = fields.find((f) => f.id === object.labelFieldId);
  if (label?.type === 'TEXT') rules.push({ field: label.key, match: 'FUZZY', threshold: defaultThreshold });
  return rules;
}

/** The object's rules with their fields; archived fields drop out. */
export function rulesWithFields(
  object: ObjectDef,
  rules: readonly DuplicateRule[],
): { rule: DuplicateRule; field: FieldDef }[] {
  return rules.flatMap((rule) => {
    const field = activeFields(object).find((f) => f.key === rule.field);
    return field?.column ? [{ rule, field }] : [];
  });
}

/** Checks an admin's rules against the object; errors name ['rules', i, …]. */
export function checkRules(object: ObjectDef, input: readonly DuplicateRule[]): DuplicateRule[] {
  if (input.length > maxRules) throw new BadInput(['rules'], `rules: at most ${maxRules}.`);
  return input.map((rule, i) => {
    const at = ['rules', String(i)];
    const field = activeFields(object).find((f) => f.key === rule.field && !f.system);
    if (!field) throw new BadInput([...at, 'field'], `No field “${rule.field}” on ${object.key}.`);
    if (rule.match === 'FUZZY' && field.type !== 'TEXT')
      throw new BadInput([...at, 'match'], 'FUZZY rules compare text fields (names) only.');
    if (rule.match === 'EXACT' && !exactTypes.has(field.type))
      throw new BadInput([...at, 'match'], 'EXACT rules compare e-mail, phone, text or URL fields.');
    const threshold = rule.threshold ?? defaultThreshold;
    if (rule.match === 'FUZZY' && !(threshold > 0 && threshold <= 1))
      throw new BadInput([...at, 'threshold'], 'threshold: a similarity above 0 and at most 1.');
    return rule.match === 'FUZZY'
      ? { field: field.key, match: 'FUZZY', threshold }
      : { field: field.key, match: 'EXACT' };
  });
}

export async function readRules(
  em: EntityManager,
  workspaceId: string,
  object: ObjectDef,
): Promise<DuplicateRule[]> {
  const [row] = await queryRows<{ rules: DuplicateRule[] }>(
    em,
    'select rules from duplicate_rule_set where workspace_id = ? and object_id = ?',
    [workspaceId, object.id],
  );
  return row ? row.rules : defaultRules(object);
}

export async function saveRules(
  em: EntityManager,
  workspaceId: string,
  object: ObjectDef,
  rules: readonly DuplicateRule[],
): Promise<void> {
  await queryRows(
    em,
    `insert into duplicate_rule_set (workspace_id, object_id, rules) values (?, ?, ?::jsonb)
     on conflict (workspace_id, object_id) do update set rules = excluded.rules`,
    [workspaceId, object.id, JSON.stringify(rules)],
  );
}
