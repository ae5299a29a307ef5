import {
  activeObjects,
  specOf,
  type FieldDef,
  type ObjectDef,
  type WorkspaceMetadata,
} from '../metadata/index.js';
import { BadInput } from '../platform/index.js';
import { compileFilter, fieldForQuery, type RecordFilter, type Sql } from '../records/index.js';
import {
  matchDefinition,
  type CriterionKind,
  type MatchCriterion,
  type MatchDefinition,
} from './definition.js';

/** A definition checked against a workspace's metadata: its objects, fields and filters resolved. */
export interface ResolvedDefinition {
  definition: MatchDefinition;
  seeker: ObjectDef;
  candidate: ObjectDef;
  criteria: { criterion: MatchCriterion; seeker: FieldDef; candidate: FieldDef }[];
  /** The sides' filters on aliases `s` and `c`. */
  seekerFilter: Sql | null;
  candidateFilter: Sql | null;
  notify: FieldDef[];
}

const numeric = new Set(['NUMBER', 'CURRENCY', 'PERCENT', 'RATING']);
const single = new Set(['TEXT', 'SELECT']);

/** The field types each side of a criterion may have (`null`: any single-column type, both the same). */
const allowed: Record<CriterionKind, { candidate: Set<string> | null; seeker: Set<string> | null }> = {
  AT_MOST: { candidate: numeric, seeker: numeric },
  AT_LEAST: { candidate: numeric, seeker: numeric },
  EQUALS: { candidate: null, seeker: null },
  ONE_OF: { candidate: single, seeker: new Set(['MULTI_SELECT', 'TEXT']) },
  ALL_OF: { candidate: new Set(['MULTI_SELECT']), seeker: new Set(['MULTI_SELECT']) },
};

export function sqlTypeOf(field: FieldDef): string | null {
  if (!field.column) return null;
  return specOf(field.type).columns(field)[0]?.sqlType ?? null;
}

function objectOf(metadata: WorkspaceMetadata, key: string, path: string[]): ObjectDef {
  const object = activeObjects(metadata).find((o) => o.key === key);
  if (!object) throw new BadInput(path, `No object "${key}".`);
  return object;
}

function fieldOf(object: ObjectDef, key: string, path: string[], types: Set<string> | null): FieldDef {
  const field = fieldForQuery(object, key, path);
  if (!field.column || (types && !types.has(field.type)))
    throw new BadInput(
      path,
      `${object.key}.${key} is a ${field.type} field; this criterion takes ${types ? [...types].join(', ') : 'a field with a column'}.`,
    );
  return field;
}

/**
 * Parses and checks `input` (a template's section entry or an admin's) against `metadata`;
 * errors name the offending part under `root` (`matching` in a template, `input` for an admin).
 */
export function resolveDefinition(
  metadata: WorkspaceMetadata,
  input: unknown,
  root: readonly string[] = ['matching'],
): ResolvedDefinition {
  const parsed = matchDefinition.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BadInput([...root, ...issue.path.map(String)], issue.message);
  }
  const definition = parsed.data;
  const seeker = objectOf(metadata, definition.seeker.object, [...root, 'seeker', 'object']);
  const candidate = objectOf(metadata, definition.candidate.object, [...root, 'candidate', 'object']);
  const criteria = definition.criteria.map((criterion, i) => {
    const at = [...root, 'criteria', String(i)];
    const rule = allowed[criterion.kind];
    const c = fieldOf(candidate, criterion.candidate, [...at, 'candidate'], rule.candidate);
    const s = fieldOf(seeker, criterion.seeker, [...at, 'seeker'], rule.seeker);
    if (criterion.kind === 'EQUALS' && sqlTypeOf(c) !== sqlTypeOf(s))
      throw new BadInput([...at, 'seeker'], `EQUALS compares fields of one type (${c.type} and ${s.type}).`);
    if (criterion.tolerancePercent !== undefined && criterion.kind !== 'AT_MOST')
      throw new BadInput([...at, 'tolerancePercent'], 'Only an AT_MOST criterion has a tolerance.');
    return { criterion, seeker: s, candidate: c };
  });
  const keys = new Set(definition.criteria.map((c) => c.key));
  if (keys.size !== definition.criteria.length)
    throw new BadInput([...root, 'criteria'], 'Two criteria have the same key.');
  const notify = (definition.notify?.fields ?? []).map((key, i) =>
    fieldOf(seeker, key, [...root, 'notify', 'fields', String(i)], new Set(['USER'])),
  );
  return {
    definition,
    seeker,
    candidate,
    criteria,
    seekerFilter: compileFilter(
      { metadata, object: seeker, alias: 's' },
      definition.seeker.filter as RecordFilter | undefined,
      [...root, 'seeker', 'filter'],
    ),
    candidateFilter: compileFilter(
      { metadata, object: candidate, alias: 'c' },
      definition.candidate.filter as RecordFilter | undefined,
      [...root, 'candidate', 'filter'],
    ),
    notify,
  };
}
