import { GraphQLID, GraphQLList, GraphQLNonNull } from 'graphql';
import { BadInput } from '../../platform/index.js';
import { expectUuid, fail } from '../field-values.js';
import type { FieldDef } from '../model.js';
import type { FieldTypeSpec } from './spec.js';

/** A field holds up to this many files unless its `max` says fewer (1: a single file). */
export const defaultMaxFiles = 20;

const ids = new GraphQLList(new GraphQLNonNull(GraphQLID));

/**
 * Files and images as an ordered list of file ids (the files module owns the files); the
 * first is the cover. The API shows each as a FileRef, which the schema builder resolves.
 */
function fileList(kind: 'file' | 'image'): FieldTypeSpec {
  return {
    columns: (field) => [{ name: field.column!, sqlType: 'uuid[]' }],
    toSql: (value, field, path) => {
      const list = Array.isArray(value) ? value : [value];
      const unique = [...new Set(list.map((v, i) => expectUuid(v, [...path, String(i)])))];
      const max = maxFiles(field);
      if (unique.length > max)
        fail(path, max === 1 ? `holds one ${kind}` : `holds at most ${max} ${kind}s`, 'value.tooManyFiles', {
          max,
        });
      return [unique];
    },
    fromSql: ([value]) => value ?? [],
    operators: ['isEmpty'],
    blank: { sql: `'{}'`, value: [] },
    listValued: true,
    searchable: false,
    indexable: false,
    sortable: false,
    parseOptions: (input, path) => {
      const max = input.max ?? defaultMaxFiles;
      if (!Number.isInteger(max) || max < 1 || max > 100)
        throw new BadInput([...path, 'max'], `A ${kind} field holds 1–100 files (1: a single ${kind}).`);
      return { max };
    },
    exportOptions: (o) => (o.max ? { max: o.max } : {}),
    graphql: (core) => ({
      output: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(core.file))),
      input: ids,
      filter: { name: 'FileFilter', operand: GraphQLID },
      emptyOutput: [],
    }),
  };
}

export function maxFiles(field: FieldDef): number {
  return field.options.max ?? defaultMaxFiles;
}

export const file = fileList('file');
export const image = fileList('image');
