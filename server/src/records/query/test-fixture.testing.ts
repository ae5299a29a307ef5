import {
  columnNameFor,
  type FieldDef,
  type FieldType,
  junctionNameFor,
  type ObjectDef,
  schemaNameFor,
  systemFields,
  tableNameFor,
  type WorkspaceMetadata,
} from '../../metadata/index.js';

/** Hand-made metadata for the compiler's unit tests: a deal with a field of every type, a person, a tag. */

const ids = {
  workspace: '00000000-0000-4000-8000-000000000001',
  deal: '00000000-0000-4000-8000-0000000000d1',
  person: '00000000-0000-4000-8000-0000000000e1',
  tag: '00000000-0000-4000-8000-0000000000f1',
};

let counter = 0;

function field(objectId: string, key: string, type: FieldType, extra: Partial<FieldDef> = {}): FieldDef {
  const id = `10000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;
  return {
    id,
    objectId,
    key,
    label: key,
    type,
    required: false,
    unique: false,
    defaultValue: null,
    helpText: null,
    filterable: true,
    sortable: true,
    options: {},
    column: columnNameFor(id),
    standard: false,
    system: false,
    readOnly: false,
    position: counter,
    archivedAt: null,
    ...extra,
  };
}

function object(
  id: string,
  key: string,
  labelSingular: string,
  labelPlural: string,
  fields: FieldDef[],
): ObjectDef {
  return {
    id,
    key,
    pluralKey: `${key}s`,
    labelSingular,
    labelPlural,
    description: null,
    icon: null,
    labelFieldId: fields[0]?.id ?? null,
    table: tableNameFor(id),
    standard: false,
    position: 0,
    archivedAt: null,
    fields: [...systemFields(id), ...fields],
  };
}

export function testMetadata(): {
  metadata: WorkspaceMetadata;
  deal: ObjectDef;
  person: ObjectDef;
  tag: ObjectDef;
} {
  const choices = (...keys: string[]) =>
    keys.map((key, position) => ({ key, label: key, color: '#2563eb', position }));
  const seller = field(ids.deal, 'seller', 'RELATION', {
    options: { targetObjectId: ids.person, relationKind: 'MANY_TO_ONE', onDelete: 'SET_NULL' },
  });
  const deals = field(ids.person, 'deals', 'RELATION', {
    column: null,
    readOnly: true,
    options: { targetObjectId: ids.deal, relationKind: 'ONE_TO_MANY', inverseFieldId: seller.id },
  });
  seller.options.inverseFieldId = deals.id;
  const junction = junctionNameFor('20000000-0000-4000-8000-000000000001');
  const labels = field(ids.deal, 'labels', 'RELATION', {
    column: null,
    options: {
      targetObjectId: ids.tag,
      relationKind: 'MANY_TO_MANY',
      junctionTable: junction,
      junctionSide: 'a',
    },
  });
  const tagDeals = field(ids.tag, 'deals', 'RELATION', {
    column: null,
    options: {
      targetObjectId: ids.deal,
      relationKind: 'MANY_TO_MANY',
      junctionTable: junction,
      junctionSide: 'b',
      inverseFieldId: labels.id,
    },
  });
  labels.options.inverseFieldId = tagDeals.id;
  const deal = object(ids.deal, 'deal', 'Deal', 'Deals', [
    field(ids.deal, 'name', 'TEXT', { required: true }),
    field(ids.deal, 'notes', 'LONG_TEXT', { sortable: false }),
    field(ids.deal, 'email', 'EMAIL'),
    field(ids.deal, 'phone', 'PHONE'),
    field(ids.deal, 'website', 'URL'),
    field(ids.deal, 'amount', 'NUMBER', { options: { precision: 2 } }),
    field(ids.deal, 'price', 'CURRENCY', { options: { precision: 2, defaultCurrency: 'EUR' } }),
    field(ids.deal, 'probability', 'PERCENT'),
    field(ids.deal, 'active', 'BOOLEAN'),
    field(ids.deal, 'closeDate', 'DATE'),
    field(ids.deal, 'closedAt', 'DATETIME'),
    field(ids.deal, 'stage', 'SELECT', { options: { choices: choices('lead', 'won', 'lost') } }),
    field(ids.deal, 'tags', 'MULTI_SELECT', {
      sortable: false,
      options: { choices: choices('hot', 'cold', 'vip') },
    }),
    field(ids.deal, 'rating', 'RATING', { options: { max: 5 } }),
    field(ids.deal, 'assignee', 'USER'),
    seller,
    labels,
    field(ids.deal, 'secret', 'TEXT', { filterable: false, sortable: false }),
    field(ids.deal, 'old', 'TEXT', { archivedAt: new Date('2026-01-01T00:00:00Z') }),
  ]);
  const person = object(ids.person, 'person', 'Person', 'People', [field(ids.person, 'name', 'TEXT'), deals]);
  const tag = object(ids.tag, 'tag', 'Tag', 'Tags', [field(ids.tag, 'name', 'TEXT'), tagDeals]);
  const metadata: WorkspaceMetadata = {
    workspaceId: ids.workspace,
    version: 1,
    schema: schemaNameFor(ids.workspace),
    objects: [deal, person, tag],
  };
  return { metadata, deal, person, tag };
}

export function fieldOf(object: ObjectDef, key: string): FieldDef {
  const found = object.fields.find((f) => f.key === key);
  if (!found) throw new TypeError(`fixture has no field ${key}`);
  return found;
}

/** The quoted, aliased column of a field, as compiled SQL shows it. */
export function col(object: ObjectDef, key: string, alias = 't'): string {
  return `${alias}."${fieldOf(object, key).column}"`;
}
