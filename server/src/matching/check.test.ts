import { describe, expect, it } from 'vitest';
import {
  columnNameFor,
  schemaNameFor,
  systemFields,
  tableNameFor,
  type FieldDef,
  type FieldType,
  type ObjectDef,
  type WorkspaceMetadata,
} from '../metadata/index.js';
import { BadInput } from '../platform/index.js';
import { resolveDefinition } from './check.js';
import { compileMatches } from './compile.js';

// Hand-made metadata: buyers (person) and listings (home), the fields a definition may name.
let n = 0;
function object(key: string, fields: [string, FieldType][]): ObjectDef {
  const id = `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  const own: FieldDef[] = fields.map(([fieldKey, type]) => {
    const fieldId = `10000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
    return {
      ...systemFields(id)[0]!,
      id: fieldId,
      key: fieldKey,
      label: fieldKey,
      type,
      column: columnNameFor(fieldId),
      system: false,
      standard: false,
      readOnly: false,
      options: type.endsWith('SELECT')
        ? { choices: [{ key: 'listed', label: 'Listed', color: '#16a34a', position: 0 }] }
        : {},
    };
  });
  return {
    id,
    key,
    pluralKey: `${key}s`,
    labelSingular: key,
    labelPlural: key,
    description: null,
    icon: null,
    labelFieldId: own[0]!.id,
    table: tableNameFor(id),
    standard: false,
    position: 0,
    archivedAt: null,
    fields: [...systemFields(id), ...own],
  };
}

const person = object('person', [
  ['name', 'TEXT'],
  ['budget', 'CURRENCY'],
  ['areas', 'TEXT'],
  ['types', 'MULTI_SELECT'],
  ['agent', 'USER'],
]);
const home = object('home', [
  ['name', 'TEXT'],
  ['price', 'CURRENCY'],
  ['area', 'TEXT'],
  ['type', 'SELECT'],
  ['features', 'MULTI_SELECT'],
  ['stage', 'SELECT'],
]);
const metadata: WorkspaceMetadata = {
  workspaceId: '00000000-0000-4000-8000-00000000000a',
  version: 1,
  schema: schemaNameFor('00000000-0000-4000-8000-00000000000a'),
  objects: [person, home],
};

const definition = {
  key: 'buyersHomes',
  name: 'Buyers and homes',
  seeker: { object: 'person', filter: { budget: { isEmpty: false } } },
  candidate: { object: 'home', filter: { stage: { eq: 'listed' } } },
  minScore: 60,
  notify: { fields: ['agent', 'owner'] },
  criteria: [
    { key: 'price', kind: 'AT_MOST', candidate: 'price', seeker: 'budget', tolerancePercent: 5, weight: 3 },
    { key: 'area', kind: 'ONE_OF', candidate: 'area', seeker: 'areas', weight: 1 },
    { key: 'type', kind: 'ONE_OF', candidate: 'type', seeker: 'types', weight: 1 },
  ],
};

function refusal(input: unknown): { path: unknown; message: string } {
  try {
    resolveDefinition(metadata, input);
  } catch (error) {
    expect(error).toBeInstanceOf(BadInput);
    return { path: (error as BadInput).extensions.argumentPath, message: (error as Error).message };
  }
  throw new Error('accepted');
}

const withCriterion = (criterion: Record<string, unknown>) => ({
  ...definition,
  criteria: [{ ...definition.criteria[0], ...criterion }],
});

describe('a match definition', () => {
  it('resolves its objects, fields, filters and notified USER fields (owner included)', () => {
    const resolved = resolveDefinition(metadata, definition);
    expect(resolved.seeker).toBe(person);
    expect(resolved.candidate).toBe(home);
    expect(resolved.criteria.map((c) => `${c.candidate.key}/${c.seeker.key}`)).toEqual([
      'price/budget',
      'area/areas',
      'type/types',
    ]);
    expect(resolved.notify.map((f) => f.key)).toEqual(['agent', 'owner']);
    expect(resolved.candidateFilter?.params).toEqual(['listed']);
  });

  it('names the part it refuses: field types per kind, unknown names, tolerance, duplicates', () => {
    expect(refusal(withCriterion({ kind: 'AT_LEAST', candidate: 'area' }))).toMatchObject({
      path: ['matching', 'criteria', '0', 'candidate'],
    });
    expect(refusal(withCriterion({ kind: 'ALL_OF', candidate: 'features', seeker: 'areas' })).path).toEqual([
      'matching',
      'criteria',
      '0',
      'seeker',
    ]);
    expect(refusal(withCriterion({ kind: 'EQUALS', candidate: 'price', seeker: 'areas' })).message).toContain(
      'one type',
    );
    expect(refusal(withCriterion({ candidate: 'nope' })).path).toEqual([
      'matching',
      'criteria',
      '0',
      'candidate',
    ]);
    expect(refusal(withCriterion({ kind: 'ONE_OF', candidate: 'area', seeker: 'areas' })).path).toEqual([
      'matching',
      'criteria',
      '0',
      'tolerancePercent',
    ]);
    expect(refusal({ ...definition, candidate: { object: 'castle' } }).path).toEqual([
      'matching',
      'candidate',
      'object',
    ]);
    expect(refusal({ ...definition, notify: { fields: ['name'] } }).path).toEqual([
      'matching',
      'notify',
      'fields',
      '0',
    ]);
    expect(
      refusal({ ...definition, criteria: [definition.criteria[1], definition.criteria[1]] }).message,
    ).toContain('same key');
    expect(refusal({ ...definition, minScore: 101 }).path).toEqual(['matching', 'minScore']);
  });

  it('compiles to one statement: filters, selection and read scope as predicates, the minimum last', () => {
    const resolved = resolveDefinition(metadata, definition);
    const compiled = compileMatches(metadata, resolved, {
      seekerIds: ['00000000-0000-4000-8000-0000000000ff'],
      scope: [{ sql: 's.owner_id = ?', params: ['me'] }],
      limit: 10,
    });
    expect(compiled.sql.match(/\?/g)?.length).toBe(compiled.params.length);
    expect(compiled.params.slice(-4)).toEqual(['{"00000000-0000-4000-8000-0000000000ff"}', 'me', 60, 10]);
    expect(compiled.sql).toContain('string_to_array');
    expect(compiled.sql).toContain('/ 5)::int as score');
  });

  it('names an admin’s refused part under the root it is given', () => {
    try {
      resolveDefinition(metadata, withCriterion({ kind: 'AT_LEAST', candidate: 'area' }), ['input']);
      throw new Error('accepted');
    } catch (error) {
      expect((error as BadInput).extensions.argumentPath).toEqual(['input', 'criteria', '0', 'candidate']);
    }
  });

  it('rules out a pair failing a required criterion: its predicate joins the filters', () => {
    const required = {
      ...definition,
      criteria: definition.criteria.map((c) => (c.key === 'area' ? { ...c, required: true } : c)),
    };
    const plain = compileMatches(metadata, resolveDefinition(metadata, definition), {});
    const compiled = compileMatches(metadata, resolveDefinition(metadata, required), {});
    expect(compiled.sql.match(/\?/g)?.length).toBe(compiled.params.length);
    // The area test appears once more, as a predicate of the where clause.
    const count = (sql: string) => sql.split('string_to_array').length - 1;
    expect(count(compiled.sql)).toBe(count(plain.sql) + 1);
  });
});
