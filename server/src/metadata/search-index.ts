import type { EntityManager } from '@mikro-orm/postgresql';
import { qualified, quote, searchedFields, searchTextSql, searchVectorSql } from './ddl.js';
import { fieldTypeSpecs } from './field-types.js';
import { loadMetadata } from './load.js';
import type { FieldDef, FieldType } from './model.js';

/**
 * Records keep their search document in a column, written with each record. When the
 * fields it is built from change (a type change, an archived or restored field), every
 * record's document is rebuilt, so search never finds what the API no longer shows.
 */

const batchSize = 5_000;

/** Whether archiving, restoring or retyping `field` changes what search reads. */
export function isSearched(field: Pick<FieldDef, 'column'>, type: FieldType): boolean {
  return Boolean(field.column) && fieldTypeSpecs[type].searchable;
}

/** Rebuilds the search document of every record of the object, a batch of rows per statement. */
export async function reindexSearch(em: EntityManager, workspaceId: string, objectId: string): Promise<void> {
  const metadata = await loadMetadata(em.fork(), workspaceId);
  const object = metadata.objects.find((o) => o.id === objectId);
  if (!object) return;
  const table = qualified(metadata.schema, object.table);
  const document = searchVectorSql(
    searchedFields(object).map((f) => searchTextSql(f, `t.${quote(f.column!)}`)),
  );
  const connection = em.getConnection();
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const [row] = await connection.execute<{ last: string | null }[]>(
      `with batch as (select id from ${table} where id > ? order by id limit ${batchSize}),
       done as (update ${table} t set search = ${document} from batch where t.id = batch.id returning t.id)
       select max(id::text) as last from done`,
      [after],
    );
    if (!row?.last) return;
    after = row.last;
  }
}
