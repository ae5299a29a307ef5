import { fieldTypeSpecs, type ObjectDef, quote } from '../../metadata/index.js';
import { BadInput } from '../../platform/index.js';
import type { SortInput } from '../api.js';
import { columnsOf, fieldForQuery, notNullColumns } from './fields.js';

/** Sort keys: the fields asked for, then `id`, so every order is total and pages are stable. */

export interface SortKey {
  /** The field key ('id' for the tie-breaker). */
  key: string;
  /** The column sorted on (a CURRENCY sorts on its amount). */
  column: string;
  sqlType: string;
  direction: 'ASC' | 'DESC';
  nulls: 'FIRST' | 'LAST';
  /** False for system columns that are never null. */
  nullable: boolean;
}

const maxSortKeys = 5;

/** Newest first unless asked otherwise. */
const defaultSort: SortInput[] = [{ field: 'createdAt', direction: 'DESC' }];

export function compileSort(object: ObjectDef, sort: readonly SortInput[] | null | undefined): SortKey[] {
  const inputs = sort?.length ? sort : defaultSort;
  if (inputs.length > maxSortKeys) throw new BadInput(['sort'], `Sort by at most ${maxSortKeys} fields.`);
  const keys: SortKey[] = [];
  inputs.forEach((input, i) => {
    const path = ['sort', String(i), 'field'];
    const field = fieldForQuery(object, input.field, path);
    const column = columnsOf(field)[0];
    if (!field.sortable || !column || !fieldTypeSpecs[field.type].indexable) {
      throw new BadInput(path, `“${field.key}” cannot be sorted on.`);
    }
    if (input.direction !== 'ASC' && input.direction !== 'DESC') {
      throw new BadInput(['sort', String(i), 'direction'], 'direction: must be ASC or DESC.');
    }
    if (keys.some((k) => k.key === field.key)) return;
    keys.push({
      key: field.key,
      column: column.name,
      sqlType: column.sqlType,
      direction: input.direction,
      nulls: input.nulls === 'FIRST' ? 'FIRST' : 'LAST',
      nullable: !notNullColumns.has(column.name),
    });
  });
  if (!keys.some((k) => k.key === 'id')) {
    // The tie-breaker follows the first key's direction, so a (column, id) index serves both directions.
    keys.push({
      key: 'id',
      column: 'id',
      sqlType: 'uuid',
      direction: keys[0]!.direction,
      nulls: 'LAST',
      nullable: false,
    });
  }
  return keys.slice(0, keys.findIndex((k) => k.key === 'id') + 1);
}

export function orderBySql(keys: readonly SortKey[], alias: string): string {
  return keys
    .map(
      (k) =>
        `${alias}.${quote(k.column)} ${k.direction.toLowerCase()}${k.nullable ? ` nulls ${k.nulls.toLowerCase()}` : ''}`,
    )
    .join(', ');
}

/** A fingerprint of the order, kept in cursors so a cursor is only used with its own sort. */
export function sortSignature(keys: readonly SortKey[]): string {
  return keys.map((k) => `${k.key}:${k.direction[0]}${k.nullable ? k.nulls[0] : ''}`).join(',');
}
