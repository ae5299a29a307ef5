import {
  assertEnumType,
  assertInputObjectType,
  assertObjectType,
  getIntrospectionQuery,
  graphql,
  printSchema,
  printType,
  type GraphQLSchema,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCoreSchema } from '../../app/index.js';
import { type FieldType, fieldTypes, fieldTypeSpecs } from '../../metadata/index.js';
import { createEventBus } from '../../platform/index.js';
import { buildRecordsSchema } from './build.js';
import { sharedTypes } from './shared-types.js';
import { field, FakeRecordStore, object, realEstateMetadata } from './test-fixtures.testing.js';

let core: GraphQLSchema;
let schema: GraphQLSchema;

beforeAll(async () => {
  core = await buildCoreSchema(createEventBus().bus);
  const metadata = realEstateMetadata();
  schema = buildRecordsSchema(core, metadata, new FakeRecordStore(metadata));
});

const print = (name: string) => printType(schema.getType(name)!);
const fieldNames = (name: string) => {
  const type = schema.getType(name) as { getFields(): Record<string, unknown> };
  return Object.keys(type.getFields());
};

describe('buildRecordsSchema: record types', () => {
  it('types every field by its field type, with system fields and id aliases', () => {
    expect(print('Property')).toBe(`"""Property"""
type Property {
  id: ID!

  """Increases with every change; send it back as expectedVersion."""
  version: Int!

  """Set while the record is deleted (see includeDeleted)."""
  deletedAt: DateTime

  """Created"""
  createdAt: DateTime!

  """Created by"""
  createdBy: User
  createdById: ID

  """Updated"""
  updatedAt: DateTime!

  """Updated by"""
  updatedBy: User
  updatedById: ID

  """Owner"""
  owner: User
  ownerId: ID

  """Board position"""
  rank: String

  """Title: Shown on the listing"""
  title: String

  """Notes"""
  notes: String

  """ContactEmail"""
  contactEmail: String

  """ContactPhone"""
  contactPhone: String

  """Website"""
  website: String

  """Rooms"""
  rooms: Float

  """AskingPrice"""
  askingPrice: Money

  """Commission"""
  commission: Float

  """Furnished"""
  furnished: Boolean

  """AvailableOn"""
  availableOn: Date

  """ListedAt"""
  listedAt: DateTime

  """Status (options: new, sold)"""
  status: String

  """Features (options: new, sold)"""
  features: [String!]!

  """Condition"""
  condition: Int

  """Agent"""
  agent: User
  agentId: ID

  """Seller"""
  seller: Person
  sellerId: ID

  """Viewers"""
  viewers: [Person!]!
}`);
  });

  it('gives both sides of every relation kind, a self relation included', () => {
    expect(print('Person')).toContain('listings: [Property!]!');
    expect(print('Person')).toContain('viewed: [Property!]!');
    expect(print('Person')).toContain('manager: Person\n  managerId: ID');
  });

  it('leaves out archived objects and archived fields', () => {
    expect(schema.getType('Legacy')).toBeUndefined();
    expect(schema.getQueryType()!.getFields().legacies).toBeUndefined();
    expect(fieldNames('Property')).not.toContain('oldCode');
  });

  it('prints and answers introspection', async () => {
    const printed = printSchema(schema);
    expect(printed).toContain('"""A calendar date without time or time zone, as YYYY-MM-DD."""\nscalar Date');
    expect(printed).toContain('type PropertyConnection {');
    const introspection = await graphql({ schema, source: getIntrospectionQuery() });
    expect(introspection.errors).toBeUndefined();
  });

  it('reuses the core User and DateTime types and adds Date and Money', () => {
    expect(schema.getType('User')).toBe(core.getType('User'));
    expect(schema.getType('DateTime')).toBe(core.getType('DateTime'));
    expect(print('Money')).toBe('type Money {\n  amount: Float!\n  currency: String!\n}');
    expect(schema.getType('Date')!.name).toBe('Date');
  });
});

describe('buildRecordsSchema: inputs', () => {
  it('makes required fields without a default non-null on create only', () => {
    const create = assertInputObjectType(schema.getType('PropertyCreateInput')).getFields();
    expect(String(create.title!.type)).toBe('String!');
    expect(String(create.status!.type)).toBe('String!');
    expect(String(create.rooms!.type)).toBe('Float');
    const update = assertInputObjectType(schema.getType('PropertyUpdateInput')).getFields();
    expect(Object.values(update).every((f) => !String(f.type).endsWith('!'))).toBe(true);
  });

  it('takes ids for users and relations, MoneyInput for currency, and no read-only fields', () => {
    const create = assertInputObjectType(schema.getType('PropertyCreateInput')).getFields();
    const types = Object.fromEntries(Object.entries(create).map(([k, f]) => [k, String(f.type)]));
    expect(types).toMatchObject({
      owner: 'ID',
      agent: 'ID',
      seller: 'ID',
      viewers: '[ID!]',
      askingPrice: 'MoneyInput',
      features: '[String!]',
      availableOn: 'Date',
      listedAt: 'DateTime',
      condition: 'Int',
    });
    for (const key of ['createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'id', 'version']) {
      expect(types).not.toHaveProperty(key);
    }
    expect(fieldNames('PersonCreateInput')).toEqual(['owner', 'name', 'viewed', 'manager']);
    expect(print('MoneyInput')).toContain('amount: Float!');
    expect(print('PropertyBulkUpdate')).toBe(
      'input PropertyBulkUpdate {\n  id: ID!\n  input: PropertyUpdateInput!\n\n' +
        '  """Refuse the change if the record has moved on."""\n  expectedVersion: Int\n}',
    );
  });
});

describe('buildRecordsSchema: filters and sort', () => {
  it('offers and/or/not, id and a filter per filterable field, system fields included', () => {
    const filter = assertInputObjectType(schema.getType('PropertyFilter')).getFields();
    const types = Object.fromEntries(Object.entries(filter).map(([k, f]) => [k, String(f.type)]));
    expect(types).toEqual({
      and: '[PropertyFilter!]',
      or: '[PropertyFilter!]',
      not: 'PropertyFilter',
      id: 'IdFilter',
      createdAt: 'DateTimeFilter',
      createdBy: 'UserFilter',
      updatedAt: 'DateTimeFilter',
      updatedBy: 'UserFilter',
      owner: 'UserFilter',
      rank: 'StringFilter',
      title: 'StringFilter',
      contactEmail: 'StringFilter',
      contactPhone: 'StringFilter',
      website: 'StringFilter',
      rooms: 'NumberFilter',
      askingPrice: 'MoneyFilter',
      commission: 'NumberFilter',
      furnished: 'BooleanFilter',
      availableOn: 'DateFilter',
      listedAt: 'DateTimeFilter',
      status: 'SelectFilter',
      features: 'MultiSelectFilter',
      condition: 'NumberFilter',
      agent: 'UserFilter',
      seller: 'PersonRelationFilter',
      viewers: 'PersonToManyFilter',
    });
  });

  it('gives each field type exactly the operators of the field-type registry', () => {
    const kinds = sharedTypes(core).kinds;
    for (const type of fieldTypes.filter((t): t is Exclude<FieldType, 'RELATION'> => t !== 'RELATION')) {
      expect(Object.keys(kinds[type].filter.getFields()).sort(), type).toEqual(
        [...fieldTypeSpecs[type].operators].sort(),
      );
    }
    expect(fieldNames('PersonRelationFilter').sort()).toEqual(
      [...fieldTypeSpecs.RELATION.operators, 'is'].sort(),
    );
  });

  it('types operands by field type', () => {
    expect(print('DateFilter')).toContain('gte: Date');
    expect(print('DateTimeFilter')).toContain('lt: DateTime');
    expect(print('StringFilter')).toContain('in: [String!]');
    expect(print('MultiSelectFilter')).toContain('contains: [String!]');
    expect(print('IdFilter')).toContain('notIn: [ID!]');
    expect(print('PersonRelationFilter')).toContain('is: PersonFilter');
    expect(print('PersonToManyFilter')).toMatch(
      /some: PersonFilter[\s\S]*none: PersonFilter[\s\S]*isEmpty: Boolean/,
    );
  });

  it('sorts on sortable, indexable value fields and the timestamps', () => {
    const values = assertEnumType(schema.getType('PropertySortField'))
      .getValues()
      .map((v) => v.name);
    expect(values).toEqual([
      'createdAt',
      'updatedAt',
      'rank',
      'title',
      'contactEmail',
      'contactPhone',
      'website',
      'rooms',
      'askingPrice',
      'commission',
      'furnished',
      'availableOn',
      'listedAt',
      'status',
      'condition',
    ]);
    expect(print('PropertySort')).toContain('direction: SortDirection = ASC');
    expect(print('PropertySort')).toContain('field: PropertySortField!');
    expect(print('PropertySort')).toContain('nulls: NullsOrder');
  });
});

describe('buildRecordsSchema: root fields', () => {
  it('adds queries and a connection', () => {
    const query = schema.getQueryType()!.getFields();
    expect(String(query.property!.type)).toBe('Property');
    expect(query.property!.args.map((a) => `${a.name}: ${String(a.type)}`)).toEqual(['id: ID!']);
    expect(
      query.properties!.args.map((a) => `${a.name}: ${String(a.type)} = ${JSON.stringify(a.defaultValue)}`),
    ).toEqual([
      'filter: PropertyFilter = undefined',
      'sort: [PropertySort!] = undefined',
      'first: Int = 50',
      'after: String = undefined',
      'search: String = undefined',
      'includeDeleted: Boolean = false',
    ]);
    expect(String(query.properties!.type)).toBe('PropertyConnection!');
    expect(String(query.people!.type)).toBe('PersonConnection!');
    expect(print('PropertyConnection')).toMatch(
      /edges: \[PropertyEdge!\]![\s\S]*nodes: \[Property!\]![\s\S]*pageInfo: PageInfo![\s\S]*totalCount: Int!/,
    );
    expect(print('PropertyEdge')).toBe('type PropertyEdge {\n  cursor: String!\n  node: Property!\n}');
    expect(print('PageInfo')).toContain('hasNextPage: Boolean!');
  });

  it('adds the six mutations per object', () => {
    const mutation = assertObjectType(schema.getMutationType()).getFields();
    const signature = (name: string) =>
      `${name}(${mutation[name]!.args.map((a) => `${a.name}: ${String(a.type)}`).join(', ')}): ${String(mutation[name]!.type)}`;
    expect(
      [
        'createProperty',
        'updateProperty',
        'deleteProperty',
        'restoreProperty',
        'createProperties',
        'updateProperties',
      ].map(signature),
    ).toEqual([
      'createProperty(input: PropertyCreateInput!): Property!',
      'updateProperty(id: ID!, input: PropertyUpdateInput!, expectedVersion: Int): Property!',
      'deleteProperty(id: ID!): Property!',
      'restoreProperty(id: ID!): Property!',
      'createProperties(inputs: [PropertyCreateInput!]!): [Property!]!',
      'updateProperties(updates: [PropertyBulkUpdate!]!): [Property!]!',
    ]);
    expect(mutation.createPeople).toBeDefined();
  });

  it('keeps every core root field with its very resolver', () => {
    for (const [merged, original] of [
      [schema.getQueryType(), core.getQueryType()],
      [schema.getMutationType(), core.getMutationType()],
      [schema.getSubscriptionType(), core.getSubscriptionType()],
    ] as const) {
      for (const [name, field] of Object.entries(original!.getFields())) {
        expect(merged!.getFields()[name]?.resolve, name).toBe(field.resolve);
        expect(merged!.getFields()[name]?.subscribe, name).toBe(field.subscribe);
      }
    }
    for (const name of Object.keys(core.getTypeMap())) expect(schema.getType(name), name).toBeDefined();
  });
});

describe('buildRecordsSchema: a large workspace', () => {
  it('builds 30 objects × 30 fields with relations in a ring', () => {
    const types: FieldType[] = [
      'TEXT',
      'NUMBER',
      'CURRENCY',
      'DATE',
      'SELECT',
      'BOOLEAN',
      'DATETIME',
      'USER',
    ];
    const objects = Array.from({ length: 30 }, (_, o) => {
      const id = `40000000-0000-4000-8000-${String(o).padStart(12, '0')}`;
      const fields = Array.from({ length: 28 }, (_, f) => field(id, `field${f}`, types[f % types.length]!));
      const next = `40000000-0000-4000-8000-${String((o + 1) % 30).padStart(12, '0')}`;
      fields.push(
        field(id, 'parent', 'RELATION', { options: { targetObjectId: next, relationKind: 'MANY_TO_ONE' } }),
      );
      fields.push(
        field(id, 'children', 'RELATION', { options: { targetObjectId: next, relationKind: 'ONE_TO_MANY' } }),
      );
      return object(id, `thing${o}`, `things${o}`, fields);
    });
    const metadata = { workspaceId: 'w', version: 1, schema: 's', objects };
    const store = new FakeRecordStore(metadata);
    const built = buildRecordsSchema(core, metadata, store);
    for (let o = 0; o < 30; o++) {
      const type = assertObjectType(built.getType(`Thing${o}`));
      expect(Object.keys(type.getFields())).toEqual(
        expect.arrayContaining(['field0', 'field27', 'parent', 'children']),
      );
      expect(String(type.getFields().parent!.type)).toBe(`Thing${(o + 1) % 30}`);
    }
  });
});
