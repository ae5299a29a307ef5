import type { FieldDef, ObjectDef, WorkspaceMetadata } from '../metadata/index.js';
import { qualified, quote } from '../metadata/index.js';
import { isUuid, queryRows } from '../platform/index.js';
import type { RecordContext } from '../records/index.js';

/**
 * A relation input names the related record as a visitor or a page knows it: its id, a
 * unique text field (a stock number, a VIN, a HIN) or its exact name. Null when none or
 * several records match.
 */
export async function findRelated(
  ctx: RecordContext,
  metadata: WorkspaceMetadata,
  relation: FieldDef,
  text: string,
): Promise<{ id: string } | { problem: string }> {
  const target = metadata.objects.find((o) => o.id === relation.options.targetObjectId);
  if (!target) return { problem: 'has nothing to link to' };
  const wanted = text.trim();
  const keys = lookupColumns(target);
  if (!keys.length && !isUuid(wanted)) return { problem: `no ${target.labelSingular} to match by` };
  const conditions = [
    ...(isUuid(wanted) ? ['id = ?::uuid'] : []),
    ...keys.map((f) => `lower(${quote(f.column!)}) = lower(?)`),
  ];
  const rows = await queryRows<{ id: string }>(
    ctx.em,
    `select id from ${qualified(metadata.schema, target.table)}
     where deleted_at is null and (${conditions.join(' or ')}) limit 2`,
    [...(isUuid(wanted) ? [wanted] : []), ...keys.map(() => wanted)],
  );
  if (rows.length === 1) return { id: rows[0]!.id };
  return {
    problem: rows.length
      ? `matches several ${target.labelPlural.toLowerCase()}`
      : `no ${target.labelSingular.toLowerCase()} "${wanted}"`,
  };
}

/** Unique text fields first, then the label field. */
function lookupColumns(object: ObjectDef): FieldDef[] {
  const text = object.fields.filter((f) => !f.archivedAt && f.column && f.type === 'TEXT');
  return [...text.filter((f) => f.unique), ...text.filter((f) => f.id === object.labelFieldId)];
}
