import { GraphQLList, GraphQLNonNull, GraphQLString } from 'graphql';
import { BadInput } from '../../platform/index.js';
import { fail, type Path } from '../field-values.js';
import { assertKey } from '../keys.js';
import type { FieldDef, SelectOption } from '../model.js';
import { parsePipelines, stageChoices } from '../pipeline-options.js';
import { choiceKey } from './conversion.js';
import {
  choiceOperators,
  columnJson,
  firstValue,
  singleColumn,
  type ChoiceInput,
  type FieldTypeSpec,
  type GraphQLShape,
  type TemplateOptions,
} from './spec.js';

const colorPattern = /^#[0-9a-fA-F]{6}$/;
const palette = ['#2563eb', '#16a34a', '#f59e0b', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#65a30d'];

function parseChoices(choices: ChoiceInput[], path: string[]): SelectOption[] {
  if (choices.length === 0) throw new BadInput(path, 'A select field needs at least one option.');
  if (choices.length > 500) throw new BadInput(path, 'A select field has at most 500 options.');
  const seen = new Set<string>();
  return choices.map((choice, index) => {
    const at = [...path, String(index)];
    assertKey([...at, 'key'], choice.key);
    if (seen.has(choice.key))
      throw new BadInput([...at, 'key'], `The option key “${choice.key}” appears twice.`);
    seen.add(choice.key);
    if (choice.color && !colorPattern.test(choice.color)) {
      throw new BadInput([...at, 'color'], 'A colour is written #rrggbb.');
    }
    return {
      key: choice.key,
      label: choice.label.trim() || choice.key,
      color: choice.color ?? palette[index % palette.length]!,
      position: choice.position ?? index,
    };
  });
}

function exportChoices(choices: SelectOption[] | undefined): TemplateOptions {
  const sorted = [...(choices ?? [])].sort((a, b) => a.position - b.position);
  return { choices: sorted.map(({ key, label, color }) => ({ key, label, color })) };
}

function choiceKeys(field: FieldDef): Set<string> {
  return new Set((field.options.choices ?? []).map((c) => c.key));
}

function expectChoice(value: unknown, field: FieldDef, path: Path): string {
  if (typeof value !== 'string' || !choiceKeys(field).has(value)) {
    fail(
      path,
      `must be one of ${[...choiceKeys(field)].join(', ') || '(no options defined)'}`,
      'value.choice',
    );
  }
  return value;
}

const selectShape = (): GraphQLShape => ({
  output: GraphQLString,
  input: GraphQLString,
  filter: { name: 'SelectFilter', operand: GraphQLString },
});

const oneChoice: Omit<FieldTypeSpec, 'parseOptions'> = {
  columns: singleColumn('text'),
  toSql: (value, field, path) => [expectChoice(value, field, path)],
  fromSql: firstValue,
  jsonSql: columnJson,
  operators: choiceOperators,
  searchable: false,
  indexable: true,
  sortable: true,
  convert: (_value, text, _from, to) => choiceKey(text, to),
  graphql: selectShape,
};

export const select: FieldTypeSpec = {
  ...oneChoice,
  parseOptions: (input, path) => ({ choices: parseChoices(input.choices ?? [], [...path, 'choices']) }),
  exportOptions: (o) => exportChoices(o.choices),
};

/** A pipeline stage; its options are the pipelines, exported with them rather than as choices. */
export const stage: FieldTypeSpec = {
  ...oneChoice,
  // A board column reads its cards in rank order.
  indexTail: 'rank, id',
  parseOptions: (input, path) => {
    const pipelines = parsePipelines(input.pipelines ?? [], [...path, 'pipelines']);
    return { pipelines, choices: stageChoices(pipelines) };
  },
};

const strings = new GraphQLList(new GraphQLNonNull(GraphQLString));

export const multiSelect: FieldTypeSpec = {
  columns: singleColumn('text[]'),
  toSql: (value, field, path) => {
    if (!Array.isArray(value)) fail(path, 'must be a list of option keys', 'value.choices');
    const keys = value.map((v, i) => expectChoice(v, field, [...path, String(i)]));
    return [[...new Set(keys)]];
  },
  fromSql: ([value]) => value ?? [],
  operators: ['contains', 'in', 'notIn', 'isEmpty'],
  blank: { sql: `'{}'`, value: [] },
  listValued: true,
  searchable: false,
  indexable: false,
  sortable: false,
  parseOptions: select.parseOptions,
  exportOptions: select.exportOptions,
  convert: (value, text, _from, to) =>
    (Array.isArray(value) ? value.map(String) : text.split(',')).map((t) => choiceKey(t, to)),
  graphql: () => ({
    output: new GraphQLNonNull(strings),
    input: strings,
    filter: {
      name: 'MultiSelectFilter',
      operand: GraphQLString,
      overrides: {
        contains: { type: strings, description: 'Has every one of these options.' },
        in: { type: strings, description: 'Has at least one of these options.' },
        notIn: { type: strings, description: 'Has none of these options.' },
      },
    },
    emptyOutput: [],
  }),
};
