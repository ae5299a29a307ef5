// The query compiler: filters, sort, keyset cursors, search and whole read statements
// as SQL with parameters, pure functions of metadata and arguments.
export { encodeCursor, decodeCursor, compileAfter } from './cursor.js';
export {
  columnFields,
  columnsOf,
  fieldForQuery,
  isManyToMany,
  isManyToOne,
  isOneToMany,
  junctionSides,
  manyToManyFields,
  targetObject,
  visibleFields,
} from './fields.js';
export { compileFilter, type FilterScope } from './filter.js';
export { checkFilterLimits, defaultFilterLimits, type FilterLimits } from './filter-limits.js';
export {
  compileGetMany,
  compileList,
  compileRelated,
  defaultPageSize,
  maxPageSize,
  parentColumn,
  type CompiledList,
} from './list.js';
export { compileOperator } from './operators.js';
export { decodeRow, parseTimestamp, rowDecoder, selectList } from './rows.js';
export { compileSearch, searchableFields, searchDocumentSql, searchOver } from './search.js';
export { compileSort, orderBySql, type SortKey } from './sort.js';
export { andSql, joinSql, pgArrayLiteral, placeholder, sql, toParam, type Sql } from './sql.js';
