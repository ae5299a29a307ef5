import { BadInput, Conflict } from '../platform/index.js';
import {
  addFieldColumnsSql,
  addRequiredCheckSql,
  columnNameFor,
  createFieldIndexSql,
  createJunctionSql,
  dropIndexSql,
  dropRequiredCheckSql,
  junctionNameFor,
  qualified,
  quote,
} from './ddl.js';
import { FieldDefRow } from './entities.js';
import { fieldTypeSpecs, parseFieldOptions, valueToSql, type OptionsInput } from './field-types.js';
import { assertFieldKey } from './keys.js';
import { systemColumnsSql } from './system-fields.js';
import { toFieldDef } from './load.js';
import {
  fieldTypes,
  type FieldDef,
  type FieldType,
  type ObjectDef,
  type OnDelete,
  type RelationKind,
} from './model.js';
import type { MetadataTx } from './transaction.js';
import { noteMetadataWrite } from './writes-seen.js';

export interface RelationInput {
  /** The related object's key or id. */
  target: string;
  kind: RelationKind;
  onDelete?: OnDelete | null;
  /** Key and label of the field that appears on the other object. */
  inverseKey?: string | null;
  inverseLabel?: string | null;
}

export interface NewField {
  key: string;
  label: string;
  type: FieldType;
  required?: boolean | null;
  unique?: boolean | null;
  defaultValue?: unknown;
  helpText?: string | null;
  filterable?: boolean | null;
  sortable?: boolean | null;
  options?: OptionsInput | null;
  relation?: RelationInput | null;
  standard?: boolean;
}

export interface FieldPatch {
  label?: string | null;
  helpText?: string | null;
  required?: boolean | null;
  defaultValue?: unknown;
  filterable?: boolean | null;
  sortable?: boolean | null;
  options?: OptionsInput | null;
}

/** Far below PostgreSQL's 1,600 columns per table, which counts dropped columns too. */
const maxColumnsPerTable = 1_400;

function keyTaken(object: ObjectDef, key: string): boolean {
  return object.fields.some(
    (f) =>
      f.key === key ||
      `${f.key}Id` === key ||
      ((f.type === 'USER' || f.type === 'RELATION') && key === `${f.key}Id`),
  );
}

function assertFreeKey(object: ObjectDef, key: string, path: string[]): void {
  if (keyTaken(object, key)) {
    throw new BadInput(path, `${object.labelSingular} already has a field “${key}” (perhaps archived).`);
  }
}

async function assertColumnRoom(tx: MetadataTx, object: ObjectDef): Promise<void> {
  if ((await columnCount(tx, object)) >= maxColumnsPerTable) {
    throw new BadInput(
      ['input'],
      `${object.labelSingular} has reached the limit of fields; purge archived fields first.`,
    );
  }
}

/**
 * The columns of the object's table, dropped ones included. A table this transaction created has
 * none dropped, so its count is known from its fields without asking the catalog (a new
 * workspace's tables were asked once per field, and with queued DDL they do not exist yet).
 */
async function columnCount(tx: MetadataTx, object: ObjectDef): Promise<number> {
  if (tx.newObjects.has(object.id)) {
    const own = object.fields.filter((f) => !f.system && f.column);
    const fieldColumns = own.map((f) => fieldTypeSpecs[f.type].columns(f).length);
    return systemColumnsSql.length + fieldColumns.reduce((sum, n) => sum + n, 0);
  }
  const [row] = await tx.em.execute<{ n: string }[]>(
    `select count(*) as n from pg_attribute where attrelid = ?::regclass and attnum > 0`,
    [qualified(tx.metadata.schema, object.table)],
  );
  return Number(row?.n ?? 0);
}

/** Creates one field (and, for a relation, its inverse on the other object) with its columns. */
export async function addField(
  tx: MetadataTx,
  object: ObjectDef,
  input: NewField,
  path: string[],
): Promise<FieldDef> {
  const key = assertFieldKey([...path, 'key'], input.key);
  assertFreeKey(object, key, [...path, 'key']);
  if (!fieldTypes.includes(input.type))
    throw new BadInput([...path, 'type'], `Unknown field type “${input.type}”.`);
  await assertColumnRoom(tx, object);
  if (input.type === 'RELATION') return addRelation(tx, object, input, path);
  return insertField(
    tx,
    object,
    input,
    parseFieldOptions(input.type, input.options, [...path, 'settings']),
    path,
  );
}

async function insertField(
  tx: MetadataTx,
  object: ObjectDef,
  input: NewField,
  options: FieldDef['options'],
  path: string[],
  { target, id = crypto.randomUUID() }: { target?: ObjectDef; id?: string } = {},
): Promise<FieldDef> {
  const spec = fieldTypeSpecs[input.type];
  const row = tx.em.create(FieldDefRow, {
    id,
    workspace: tx.workspaceId,
    object: object.id,
    key: input.key,
    label: input.label.trim() || input.key,
    type: input.type,
    required: input.required ?? false,
    unique: (input.unique ?? false) && spec.indexable,
    helpText: input.helpText ?? null,
    filterable: input.filterable ?? true,
    sortable: (input.sortable ?? spec.indexable) && spec.indexable,
    options,
    standard: input.standard ?? false,
    position: object.fields.length,
    createdAt: new Date(),
    updatedAt: new Date(),
  });
  if (input.unique && !spec.indexable)
    throw new BadInput([...path, 'unique'], `A ${input.type} field cannot be unique.`);
  const field = toFieldDef(row);
  field.objectId = object.id;
  field.column = spec.columns({ ...field, column: 'x' }).length ? columnNameFor(row.id) : null;
  row.columnName = field.column;
  if (input.defaultValue !== undefined && input.defaultValue !== null) {
    valueToSql(field, input.defaultValue, [...path, 'defaultValue']);
    row.defaultValue = input.defaultValue;
    field.defaultValue = input.defaultValue;
  }
  if (field.required && input.type === 'RELATION' && options.onDelete === 'SET_NULL') {
    throw new BadInput(
      [...path, 'relation', 'onDelete'],
      'A required relation cannot be emptied on delete; use RESTRICT or CASCADE.',
    );
  }
  await tx.flush();
  await tx.ddl(addFieldColumnsSql(tx.metadata.schema, object, field, target));
  object.fields.push(field);
  await createIndexes(tx, object, field);
  return field;
}

/**
 * A new object's table is empty, so its indexes are built inside the transaction;
 * on an existing table they are built concurrently after commit, never blocking writes.
 */
async function createIndexes(tx: MetadataTx, object: ObjectDef, field: FieldDef): Promise<void> {
  if (!field.column || !fieldTypeSpecs[field.type].indexable) return;
  const inline = tx.newObjects.has(object.id);
  const indexed = field.filterable || field.sortable || field.type === 'RELATION';
  const statements = [
    ...(indexed ? [createFieldIndexSql(tx.metadata.schema, object, field, false, !inline)] : []),
    ...(field.unique ? [createFieldIndexSql(tx.metadata.schema, object, field, true, !inline)] : []),
  ];
  const em = tx.em;
  if (inline) await tx.ddl(statements);
  else for (const sql of statements) tx.afterCommit(() => em.getConnection().execute(sql));
}

async function addRelation(
  tx: MetadataTx,
  object: ObjectDef,
  input: NewField,
  path: string[],
): Promise<FieldDef> {
  const relation = input.relation;
  const at = [...path, 'relation'];
  if (!relation) throw new BadInput(at, 'A relation field needs relation: {target, kind}.');
  const target = tx.metadata.objects.find(
    (o) => (o.key === relation.target || o.id === relation.target) && !o.archivedAt,
  );
  if (!target) throw new BadInput([...at, 'target'], `No object “${relation.target}” to relate to.`);
  const inverseKey = assertFieldKey(
    [...at, 'inverseKey'],
    relation.inverseKey ?? (relation.kind === 'ONE_TO_MANY' ? object.key : object.pluralKey),
  );
  const sameKeyOnSelf = target.id === object.id && inverseKey === input.key;
  if (sameKeyOnSelf) throw new BadInput([...at, 'inverseKey'], 'The inverse field needs a key of its own.');
  assertFreeKey(target, inverseKey, [...at, 'inverseKey']);
  const inverse: NewField = {
    key: inverseKey,
    label:
      relation.inverseLabel ?? (relation.kind === 'ONE_TO_MANY' ? object.labelSingular : object.labelPlural),
    type: 'RELATION',
  };
  const onDelete = relation.onDelete ?? 'SET_NULL';
  if (relation.kind === 'MANY_TO_MANY') {
    const junctionOwner = crypto.randomUUID();
    const junctionTable = junctionNameFor(junctionOwner);
    // Each side names the other, so both ids are chosen before either row is written.
    const [hereId, thereId] = [crypto.randomUUID(), crypto.randomUUID()];
    const here = await insertField(
      tx,
      object,
      input,
      {
        targetObjectId: target.id,
        relationKind: 'MANY_TO_MANY',
        junctionTable,
        junctionSide: 'a',
        inverseFieldId: thereId,
      },
      path,
      { id: hereId },
    );
    await insertField(
      tx,
      target,
      inverse,
      {
        targetObjectId: object.id,
        relationKind: 'MANY_TO_MANY',
        junctionTable,
        junctionSide: 'b',
        inverseFieldId: hereId,
      },
      at,
      { id: thereId },
    );
    await tx.ddl(createJunctionSql(tx.metadata.schema, junctionTable, object, target));
    return here;
  }
  // The many side holds the foreign key; a ONE_TO_MANY is created as its inverse.
  const manyToOne = relation.kind === 'MANY_TO_ONE';
  const [fkObject, fkInput, oneObject, oneInput] = manyToOne
    ? [object, input, target, inverse]
    : [target, { ...inverse, required: input.required }, object, { ...input, required: false }];
  const [fkId, manyId] = [crypto.randomUUID(), crypto.randomUUID()];
  const fk = await insertField(
    tx,
    fkObject,
    fkInput,
    { targetObjectId: oneObject.id, relationKind: 'MANY_TO_ONE', onDelete, inverseFieldId: manyId },
    manyToOne ? path : at,
    { target: oneObject, id: fkId },
  );
  const many = await insertField(
    tx,
    oneObject,
    oneInput,
    { targetObjectId: fkObject.id, relationKind: 'ONE_TO_MANY', inverseFieldId: fkId },
    manyToOne ? at : path,
    { id: manyId },
  );
  many.readOnly = true;
  return manyToOne ? fk : many;
}

export function findField(object: ObjectDef, idOrKey: string): FieldDef | undefined {
  return object.fields.find((f) => !f.system && (f.id === idOrKey || f.key === idOrKey));
}

export async function patchField(
  tx: MetadataTx,
  object: ObjectDef,
  field: FieldDef,
  patch: FieldPatch,
): Promise<void> {
  const row = await tx.em.findOneOrFail(FieldDefRow, { id: field.id });
  if (patch.label) row.label = patch.label.trim();
  if (patch.helpText !== undefined) row.helpText = patch.helpText;
  if (field.type === 'STAGE' && patch.options?.pipelines) {
    throw new BadInput(
      ['input', 'settings', 'pipelines'],
      'Change pipelines and stages with the pipeline mutations.',
    );
  }
  if (patch.options && field.type !== 'STAGE') {
    row.options = { ...row.options, ...parseFieldOptions(field.type, patch.options, ['input', 'settings']) };
    // Later steps of the same transaction (a template's stage conditions) see the new choices.
    field.options = row.options;
  }
  if (patch.defaultValue !== undefined) {
    if (patch.defaultValue !== null)
      valueToSql({ ...field, options: row.options }, patch.defaultValue, ['input', 'defaultValue']);
    row.defaultValue = patch.defaultValue;
  }
  if (
    patch.required !== undefined &&
    patch.required !== null &&
    patch.required !== row.required &&
    field.column
  ) {
    row.required = patch.required;
    // An archived field has no check in the table; restoring it adds one if it is required then.
    if (!field.archivedAt) {
      const schema = tx.metadata.schema;
      await tx.em.execute(
        patch.required
          ? addRequiredCheckSql(schema, object, field)
          : dropRequiredCheckSql(schema, object, field),
      );
    }
  }
  const indexable = fieldTypeSpecs[field.type].indexable;
  if (patch.filterable !== undefined && patch.filterable !== null) row.filterable = patch.filterable;
  if (patch.sortable !== undefined && patch.sortable !== null) {
    if (patch.sortable && !indexable)
      throw new BadInput(['input', 'sortable'], `A ${field.type} field cannot be sorted.`);
    row.sortable = patch.sortable;
  }
  const wasIndexed = field.filterable || field.sortable;
  const isIndexed = row.filterable || row.sortable;
  if (field.column && indexable && wasIndexed !== isIndexed && field.type !== 'RELATION') {
    const em = tx.em;
    const sql = isIndexed
      ? createFieldIndexSql(tx.metadata.schema, object, field, false)
      : dropIndexSql(tx.metadata.schema, field, false);
    tx.afterCommit(() => em.getConnection().execute(sql));
  }
}

/**
 * Archive hides a field (and a relation's inverse) from the API; its data stays. An
 * archived field cannot be written, so its required check goes with it (records stay
 * creatable) and comes back on restore for records created from then on.
 */
export async function setFieldArchived(tx: MetadataTx, field: FieldDef, archived: boolean): Promise<void> {
  const ids = [field.id, field.options.inverseFieldId].filter((id): id is string => Boolean(id));
  const rows = await tx.em.find(FieldDefRow, { id: { $in: ids } });
  for (const row of rows) {
    const changes = Boolean(row.archivedAt) !== archived;
    row.archivedAt = archived ? (row.archivedAt ?? new Date()) : null;
    const owner = tx.metadata.objects.find((o) => o.fields.some((f) => f.id === row.id));
    const def = owner?.fields.find((f) => f.id === row.id);
    if (!changes || !owner || !def?.column || !row.required) continue;
    const schema = tx.metadata.schema;
    await tx.em.execute(
      archived
        ? dropRequiredCheckSql(schema, owner, def)
        : addRequiredCheckSql(schema, owner, def, new Date()),
    );
  }
}

/** Drops an archived field's columns (or junction) for good. */
export async function purgeArchivedField(tx: MetadataTx, object: ObjectDef, field: FieldDef): Promise<void> {
  if (!field.archivedAt)
    throw new Conflict('Archive the field before purging it; purging deletes its data for good.');
  const schema = tx.metadata.schema;
  const ids = [field.id, field.options.inverseFieldId].filter((id): id is string => Boolean(id));
  for (const id of ids) {
    const owner = tx.metadata.objects.find((o) => o.fields.some((f) => f.id === id))!;
    const def = owner.fields.find((f) => f.id === id)!;
    for (const column of fieldTypeSpecs[def.type].columns(def)) {
      if (def.column)
        await tx.em.execute(
          `alter table ${qualified(schema, owner.table)} drop column if exists ${quote(column.name)}`,
        );
    }
  }
  if (field.options.junctionTable)
    await tx.em.execute(`drop table if exists ${qualified(schema, field.options.junctionTable)}`);
  await tx.em.nativeDelete(FieldDefRow, { id: { $in: ids } });
  noteMetadataWrite(tx.em);
  void object;
}
