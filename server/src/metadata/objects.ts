import { BadInput } from '../platform/index.js';
import { createObjectTableSql, tableNameFor } from './ddl.js';
import { ObjectDefRow } from './entities.js';
import { addField, type NewField } from './fields.js';
import { assertObjectKey, pluralOf } from './keys.js';
import type { ObjectDef } from './model.js';
import type { MetadataTx } from './transaction.js';

export interface NewObject {
  key: string;
  pluralKey?: string | null;
  labelSingular: string;
  labelPlural?: string | null;
  description?: string | null;
  icon?: string | null;
  /** Fields to create with it; a `name` text field is added as label field unless one is given. */
  fields?: NewField[];
  standard?: boolean;
}

export interface ObjectPatch {
  labelSingular?: string | null;
  labelPlural?: string | null;
  description?: string | null;
  icon?: string | null;
  labelFieldKey?: string | null;
}

/** Creates the object's row, its table and its fields, in the caller's transaction. */
export async function addObject(
  tx: MetadataTx,
  input: NewObject,
  path: string[] = ['input'],
): Promise<ObjectDef> {
  const key = assertObjectKey([...path, 'key'], input.key);
  const pluralKey = assertObjectKey([...path, 'pluralKey'], input.pluralKey ?? pluralOf(key));
  const taken = (k: string) => tx.metadata.objects.some((o) => o.key === k || o.pluralKey === k);
  if (taken(key))
    throw new BadInput([...path, 'key'], `An object “${key}” already exists (perhaps archived).`);
  if (taken(pluralKey) || pluralKey === key) {
    throw new BadInput([...path, 'pluralKey'], `“${pluralKey}” is already used; choose another plural key.`);
  }
  const row = tx.em.create(ObjectDefRow, {
    workspace: tx.workspaceId,
    key,
    pluralKey,
    labelSingular: input.labelSingular.trim(),
    labelPlural: (input.labelPlural ?? input.labelSingular).trim(),
    description: input.description ?? null,
    icon: input.icon ?? null,
    tableName: '',
    standard: input.standard ?? false,
    position: tx.metadata.objects.length,
    createdAt: new Date(),
    updatedAt: new Date(),
  });
  row.tableName = tableNameFor(row.id);
  tx.newObjects.add(row.id);
  await tx.flush();
  await tx.ddl(createObjectTableSql(tx.metadata.schema, row.tableName));
  const object: ObjectDef = {
    id: row.id,
    key,
    pluralKey,
    labelSingular: row.labelSingular,
    labelPlural: row.labelPlural,
    description: row.description ?? null,
    icon: row.icon ?? null,
    labelFieldId: null,
    table: row.tableName,
    standard: row.standard,
    position: row.position,
    archivedAt: null,
    fields: [],
  };
  tx.metadata.objects.push(object);
  const fields = input.fields?.length
    ? input.fields
    : [{ key: 'name', label: 'Name', type: 'TEXT' as const }];
  const created = [];
  for (const [index, field] of fields.entries()) {
    created.push(await addField(tx, object, field, [...path, 'fields', String(index)]));
  }
  const labelField = created.find((f) => f.key === 'name') ?? created.find((f) => f.type === 'TEXT');
  row.labelFieldId = labelField?.id ?? null;
  object.labelFieldId = row.labelFieldId;
  return object;
}

export async function patchObject(tx: MetadataTx, object: ObjectDef, patch: ObjectPatch): Promise<void> {
  const row = await tx.em.findOneOrFail(ObjectDefRow, { id: object.id });
  if (patch.labelSingular) row.labelSingular = patch.labelSingular.trim();
  if (patch.labelPlural) row.labelPlural = patch.labelPlural.trim();
  if (patch.description !== undefined) row.description = patch.description;
  if (patch.icon !== undefined) row.icon = patch.icon;
  if (patch.labelFieldKey) {
    const field = object.fields.find((f) => f.key === patch.labelFieldKey && !f.system && !f.archivedAt);
    if (!field || !['TEXT', 'EMAIL', 'PHONE', 'URL'].includes(field.type)) {
      throw new BadInput(
        ['input', 'labelFieldKey'],
        'The label field must be an active text field of this object.',
      );
    }
    row.labelFieldId = field.id;
  }
}

/** Archiving hides the object from the API and keeps its table and records. */
export async function setObjectArchived(tx: MetadataTx, object: ObjectDef, archived: boolean): Promise<void> {
  const row = await tx.em.findOneOrFail(ObjectDefRow, { id: object.id });
  row.archivedAt = archived ? (row.archivedAt ?? new Date()) : null;
}
