import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Role, type User } from '../../identity/index.js';
import {
  type FieldDef,
  type FieldOptions,
  type FieldType,
  type ObjectDef,
  systemFields,
  type WorkspaceMetadata,
} from '../../metadata/index.js';
import type {
  ListArgs,
  RecordConnection,
  RecordContext,
  RecordRow,
  RecordStore,
  RecordUpdate,
} from '../api.js';
import type { RecordsContext, RecordsServices } from '../services.js';

// Test support only (no vitest import, so it compiles anywhere): hand-made metadata,
// a Map-backed RecordStore that records its calls, and request contexts per role.

export const workspaceId = '00000000-0000-4000-8000-000000000001';
export const ids = {
  property: '10000000-0000-4000-8000-000000000001',
  person: '10000000-0000-4000-8000-000000000002',
  seller: '20000000-0000-4000-8000-000000000001',
  listings: '20000000-0000-4000-8000-000000000002',
  viewers: '20000000-0000-4000-8000-000000000003',
  viewed: '20000000-0000-4000-8000-000000000004',
  manager: '20000000-0000-4000-8000-000000000005',
};

let position = 0;

export function field(
  objectId: string,
  key: string,
  type: FieldType,
  extra: Partial<FieldDef> = {},
): FieldDef {
  return {
    id: extra.id ?? `${objectId}:${key}`,
    objectId,
    key,
    label: key.charAt(0).toUpperCase() + key.slice(1),
    type,
    required: false,
    unique: false,
    defaultValue: null,
    helpText: null,
    filterable: true,
    sortable: true,
    options: {},
    column: `f_${key}`,
    standard: false,
    system: false,
    readOnly: false,
    position: position++,
    archivedAt: null,
    ...extra,
  };
}

function relation(
  objectId: string,
  key: string,
  id: string,
  options: FieldOptions,
  extra: Partial<FieldDef> = {},
) {
  const column = options.relationKind === 'MANY_TO_ONE' ? `f_${key}` : null;
  return field(objectId, key, 'RELATION', { id, options, column, ...extra });
}

export function object(id: string, key: string, pluralKey: string, fields: FieldDef[]): ObjectDef {
  const label = key.charAt(0).toUpperCase() + key.slice(1);
  return {
    id,
    key,
    pluralKey,
    labelSingular: label,
    labelPlural: `${label}s`,
    description: null,
    icon: null,
    labelFieldId: null,
    table: `o_${key}`,
    standard: false,
    position: 0,
    archivedAt: null,
    fields: [...systemFields(id), ...fields],
  };
}

const choices = [
  { key: 'new', label: 'New', color: 'blue', position: 0 },
  { key: 'sold', label: 'Sold', color: 'green', position: 1 },
];

/** A property with a field of every type and each kind of relation to person. */
export function realEstateMetadata(): WorkspaceMetadata {
  const p = ids.property;
  const property = object(p, 'property', 'properties', [
    field(p, 'title', 'TEXT', { required: true, helpText: 'Shown on the listing' }),
    field(p, 'notes', 'LONG_TEXT', { filterable: false, sortable: false }),
    field(p, 'contactEmail', 'EMAIL'),
    field(p, 'contactPhone', 'PHONE'),
    field(p, 'website', 'URL'),
    field(p, 'rooms', 'NUMBER', { required: true, defaultValue: 1 }),
    field(p, 'askingPrice', 'CURRENCY', { options: { defaultCurrency: 'EUR', precision: 2 } }),
    field(p, 'commission', 'PERCENT'),
    field(p, 'furnished', 'BOOLEAN'),
    field(p, 'availableOn', 'DATE'),
    field(p, 'listedAt', 'DATETIME'),
    field(p, 'status', 'SELECT', { required: true, options: { choices } }),
    field(p, 'features', 'MULTI_SELECT', { options: { choices } }),
    field(p, 'condition', 'RATING', { options: { max: 5 } }),
    field(p, 'agent', 'USER'),
    field(p, 'oldCode', 'TEXT', { archivedAt: new Date() }),
    relation(p, 'seller', ids.seller, {
      targetObjectId: ids.person,
      relationKind: 'MANY_TO_ONE',
      onDelete: 'SET_NULL',
      inverseFieldId: ids.listings,
    }),
    relation(p, 'viewers', ids.viewers, {
      targetObjectId: ids.person,
      relationKind: 'MANY_TO_MANY',
      inverseFieldId: ids.viewed,
      junctionSide: 'a',
    }),
  ]);
  const q = ids.person;
  const person = object(q, 'person', 'people', [
    field(q, 'name', 'TEXT', { required: true }),
    relation(
      q,
      'listings',
      ids.listings,
      { targetObjectId: p, relationKind: 'ONE_TO_MANY', inverseFieldId: ids.seller },
      { readOnly: true },
    ),
    relation(q, 'viewed', ids.viewed, {
      targetObjectId: p,
      relationKind: 'MANY_TO_MANY',
      inverseFieldId: ids.viewers,
      junctionSide: 'b',
    }),
    relation(q, 'manager', ids.manager, {
      targetObjectId: q,
      relationKind: 'MANY_TO_ONE',
      onDelete: 'SET_NULL',
    }),
  ]);
  const archived = {
    ...object('10000000-0000-4000-8000-000000000009', 'legacy', 'legacies', []),
    archivedAt: new Date(),
  };
  return { workspaceId, version: 3, schema: 'ws_test', objects: [property, person, archived] };
}

/** Rows leave the store as copies, as they would from a database. */
function copy<T extends RecordRow | undefined>(row: T): T {
  return row && { ...row };
}

export interface StoreCall {
  method: keyof RecordStore;
  ctx: RecordContext;
  object: string;
  args: unknown;
}

/** A RecordStore over Maps, good enough to show what the resolvers ask of it. */
export class FakeRecordStore implements RecordStore {
  readonly calls: StoreCall[] = [];
  readonly rows = new Map<string, Map<string, RecordRow>>();
  countCalls = 0;

  constructor(private readonly metadata: WorkspaceMetadata) {
    for (const o of metadata.objects) this.rows.set(o.id, new Map());
  }

  callsTo(method: keyof RecordStore): StoreCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Stores a row and returns it (the stored one: tests may change it). */
  seed(objectId: string, values: Record<string, unknown>): RecordRow {
    const now = new Date('2026-01-02T03:04:05Z');
    const row: RecordRow = {
      id: randomUUID(),
      version: 1,
      createdAt: now,
      updatedAt: now,
      createdBy: null,
      updatedBy: null,
      owner: null,
      deletedAt: null,
      ...values,
    };
    this.rows.get(objectId)!.set(row.id, row);
    return row;
  }

  private record(method: keyof RecordStore, ctx: RecordContext, object: ObjectDef, args: unknown): void {
    this.calls.push({ method, ctx, object: object.key, args });
  }

  private table(object: ObjectDef): Map<string, RecordRow> {
    return this.rows.get(object.id)!;
  }

  async list(ctx: RecordContext, object: ObjectDef, args: ListArgs): Promise<RecordConnection> {
    this.record('list', ctx, object, args);
    const nodes = [...this.table(object).values()]
      .filter((r) => args.includeDeleted || !r.deletedAt)
      .map(copy);
    const page = nodes.slice(0, args.first ?? 50);
    // As the real store does: each embedded relation's live records, read with the page.
    const embedded = args.embeds?.map((embed) => {
      const byId = new Map<string, RecordRow | null>();
      for (const row of page) {
        const id = row[embed.field.key];
        if (typeof id !== 'string') continue;
        const related = this.table(embed.target).get(id);
        byId.set(id, related && !related.deletedAt ? copy(related)! : null);
      }
      return { target: embed.target, fields: embed.fields, byId };
    });
    return {
      nodes: page,
      embedded,
      edges: page.map((node) => ({ cursor: `c:${node.id}`, node })),
      pageInfo: {
        hasNextPage: nodes.length > page.length,
        endCursor: page.at(-1) ? `c:${page.at(-1)!.id}` : null,
      },
      totalCount: async () => {
        this.countCalls++;
        return nodes.length;
      },
    };
  }

  async getMany(ctx: RecordContext, object: ObjectDef, ids: readonly string[]) {
    this.record('getMany', ctx, object, [...ids]);
    return ids.map((id) => copy(this.table(object).get(id)) ?? null);
  }

  async related(ctx: RecordContext, object: ObjectDef, fieldDef: FieldDef, parentIds: readonly string[]) {
    this.record('related', ctx, object, { field: fieldDef.key, parentIds: [...parentIds] });
    const target = this.metadata.objects.find((o) => o.id === fieldDef.options.targetObjectId)!;
    const inverse = target.fields.find((f) => f.id === fieldDef.options.inverseFieldId);
    const result = new Map<string, RecordRow[]>();
    for (const parentId of parentIds) {
      const parent = this.table(object).get(parentId);
      const rows = [...this.table(target).values()].filter((row) => {
        if (fieldDef.options.relationKind === 'ONE_TO_MANY') return inverse && row[inverse.key] === parentId;
        return ((parent?.[fieldDef.key] as string[] | undefined) ?? []).includes(row.id);
      });
      result.set(parentId, rows.map(copy));
    }
    return result;
  }

  async create(ctx: RecordContext, object: ObjectDef, input: Record<string, unknown>) {
    this.record('create', ctx, object, input);
    return copy(this.seed(object.id, { ...input, createdBy: ctx.actorId, updatedBy: ctx.actorId }));
  }

  async createMany(ctx: RecordContext, object: ObjectDef, inputs: Record<string, unknown>[]) {
    this.record('createMany', ctx, object, inputs);
    return inputs.map((input) => copy(this.seed(object.id, { ...input, createdBy: ctx.actorId })));
  }

  async update(ctx: RecordContext, object: ObjectDef, update: RecordUpdate) {
    this.record('update', ctx, object, update);
    return this.apply(object, update);
  }

  async updateMany(ctx: RecordContext, object: ObjectDef, updates: RecordUpdate[]) {
    this.record('updateMany', ctx, object, updates);
    return updates.map((u) => this.apply(object, u));
  }

  async writeMany(
    ctx: RecordContext,
    object: ObjectDef,
    batch: { creates: readonly Record<string, unknown>[]; updates: readonly RecordUpdate[] },
  ) {
    this.record('writeMany', ctx, object, batch);
    return {
      created: batch.creates.map((input) => copy(this.seed(object.id, { ...input, createdBy: ctx.actorId }))),
      updated: batch.updates.map((u) => this.apply(object, u)),
    };
  }

  async delete(ctx: RecordContext, object: ObjectDef, id: string) {
    this.record('delete', ctx, object, id);
    return this.apply(object, { id, patch: { deletedAt: new Date() } });
  }

  async restore(ctx: RecordContext, object: ObjectDef, id: string) {
    this.record('restore', ctx, object, id);
    return this.apply(object, { id, patch: { deletedAt: null } });
  }

  async deleteMany(ctx: RecordContext): Promise<never> {
    this.record('deleteMany', ctx, undefined as never, undefined);
    throw new Error('the generated schema never deletes in bulk');
  }

  async writeLogged(ctx: RecordContext): Promise<never> {
    this.record('writeLogged', ctx, undefined as never, undefined);
    throw new Error('the generated schema never writes set-based');
  }

  private apply(object: ObjectDef, update: RecordUpdate): RecordRow {
    const row = this.table(object).get(update.id);
    if (!row) throw new Error(`no ${object.key} ${update.id}`);
    Object.assign(row, update.patch, { version: row.version + 1 });
    return copy(row);
  }
}

export const users: User[] = [
  { id: '30000000-0000-4000-8000-000000000001', email: 'ada@example.com', name: 'Ada' },
  { id: '30000000-0000-4000-8000-000000000002', email: 'bob@example.com', name: 'Bob' },
].map((u) => ({
  ...u,
  createdAt: new Date('2025-01-01T00:00:00Z'),
  passwordHash: '',
  timeZone: null,
  language: null,
  emailVerifiedAt: null,
}));

/** An entity manager that only knows how to find users, counting its queries. */
export function fakeEntityManager() {
  const em = {
    userQueries: 0,
    async find(_entity: unknown, where: { id: { $in: string[] } }) {
      em.userQueries++;
      return users.filter((u) => where.id.$in.includes(u.id));
    },
  };
  return em;
}

export function contextFor(
  role: Role | null,
  workspace = workspaceId,
): RecordsContext & { em: { userQueries: number } } {
  const em = fakeEntityManager();
  return {
    em: em as unknown as EntityManager & { userQueries: number },
    caller: { user: users[0]!, via: 'session', workspace: role ? { id: workspace, role } : null },
    clientAddress: '127.0.0.1',
    responseCookies: [],
    transport: 'http',
    language: 'en',
    services: {} as RecordsServices,
  };
}

export { Role };
