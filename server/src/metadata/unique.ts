import { requirePermission } from '../identity/index.js';
import type { MetadataContext } from './services.js';
import { BadInput, NotFound } from '../platform/index.js';
import { createFieldIndexSql, dropIndexSql, qualified, quote } from './ddl.js';
import { FieldDefRow } from './entities.js';
import { fieldTypeSpecs } from './field-types.js';
import { loadMetadata } from './load.js';
import { changeMetadata } from './transaction.js';

/**
 * Turning uniqueness on builds the unique index first, concurrently, so existing
 * duplicates are found without blocking writes and the rule is never half-applied.
 */
export async function setFieldUnique(ctx: MetadataContext, fieldId: string, unique: boolean): Promise<void> {
  const access = requirePermission(ctx, 'metadata.write');
  const metadata = await loadMetadata(ctx.em, access.workspaceId);
  const object = metadata.objects.find((o) => o.fields.some((f) => f.id === fieldId && !f.system));
  const field = object?.fields.find((f) => f.id === fieldId);
  if (!object || !field) throw new NotFound('That field');
  if (field.unique === unique) return;
  const connection = ctx.em.getConnection();
  if (unique) {
    if (!field.column || !fieldTypeSpecs[field.type].indexable) {
      throw new BadInput(['input', 'unique'], `A ${field.type} field cannot be unique.`);
    }
    try {
      await connection.execute(createFieldIndexSql(metadata.schema, object, field, true));
    } catch (error) {
      await connection.execute(dropIndexSql(metadata.schema, field, true));
      if ((error as { code?: string }).code !== '23505') throw error;
      const [row] = await connection.execute<{ n: string }[]>(
        `select count(*) as n from (select ${quote(field.column)} from ${qualified(metadata.schema, object.table)}
          where deleted_at is null and ${quote(field.column)} is not null group by 1 having count(*) > 1) d`,
      );
      throw new BadInput(
        ['input', 'unique'],
        `${row?.n ?? 'Some'} values of “${field.label}” are used by more than one record; make them distinct first.`,
      );
    }
  }
  await changeMetadata(ctx, async (tx) => {
    const row = await tx.em.findOneOrFail(FieldDefRow, { id: fieldId });
    row.unique = unique;
    if (!unique) tx.afterCommit(() => connection.execute(dropIndexSql(metadata.schema, field, true)));
  });
}
