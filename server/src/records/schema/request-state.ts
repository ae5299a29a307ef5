import DataLoader from 'dataloader';
import { requirePermission, User, type Permission, type Role } from '../../identity/index.js';
import type { FieldDef, ObjectDef, WorkspaceMetadata } from '../../metadata/index.js';
import { Forbidden, withSharedFork } from '../../platform/index.js';
import type { RecordContext, RecordRow, RecordScope, RecordStore } from '../api.js';
import { ListStatements } from '../query/list-statements.js';
import type { FileRefs, RecordsContext } from '../services.js';

/** What one request shares across its resolvers: the store's context and the batch loaders. */
export class RequestState {
  readonly users: DataLoader<string, User | null>;
  /** FILE and IMAGE values' files, as the files module shows them. */
  readonly files: DataLoader<string, object | null>;
  private readonly records = new Map<string, RecordEntry>();
  private readonly related = new Map<string, DataLoader<string, RecordRow[]>>();

  constructor(
    readonly record: RecordContext,
    private readonly store: RecordStore,
    fileRefs: FileRefs,
  ) {
    this.files = new DataLoader(async (ids) => {
      const found = await fileRefs.load(record.em, record.metadata.workspaceId, ids);
      return ids.map((id) => found.get(id) ?? null);
    });
    this.users = new DataLoader(async (ids) => {
      const users = await record.em.find(User, { id: { $in: [...ids] } });
      const byId = new Map(users.map((u) => [u.id, u]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }

  /**
   * Records of `object` by id, one `getMany` per tick. `fields`: what the request's operation
   * reads of the object anywhere (selection.ts), so its loads and remembered rows agree on it;
   * a loader reading other fields is replaced by one reading them all.
   */
  recordLoader(object: ObjectDef, fields?: ReadonlySet<string> | null): DataLoader<string, RecordRow | null> {
    return this.recordEntry(object, fields).loader;
  }

  /**
   * The record of `object` with `id` when this request already holds it (read with a page,
   * or written), null when it knows there is none the caller may see; undefined: not known,
   * load it. A resolver answering from here needs no promise per row.
   */
  known(object: ObjectDef, fields: ReadonlySet<string> | null, id: string): RecordRow | null | undefined {
    const entry = this.records.get(object.id);
    return entry && covers(entry.fields, fields) ? entry.rows.get(id) : undefined;
  }

  private recordEntry(object: ObjectDef, fields?: ReadonlySet<string> | null): RecordEntry {
    const known = this.records.get(object.id);
    if (known && covers(known.fields, fields)) return known;
    const reads = known ? null : (fields ?? null);
    const options = reads ? { fields: reads } : undefined;
    const loader = new DataLoader<string, RecordRow | null>((ids) =>
      this.store.getMany(this.record, object, ids, options),
    );
    const entry = { loader, fields: reads, rows: new Map<string, RecordRow | null>() };
    this.records.set(object.id, entry);
    return entry;
  }

  /** The related rows of a to-many `field` per parent id, one `related` per tick. */
  relatedLoader(object: ObjectDef, field: FieldDef): DataLoader<string, RecordRow[]> {
    let loader = this.related.get(field.id);
    if (!loader) {
      loader = new DataLoader(async (parentIds) => {
        const rows = await this.store.related(this.record, object, field, parentIds);
        return parentIds.map((id) => rows.get(id) ?? []);
      });
      this.related.set(field.id, loader);
    }
    return loader;
  }

  /** Rows just read or written (of `fields` only, when given); later loads in this request use them. */
  remember(object: ObjectDef, rows: readonly RecordRow[], fields?: ReadonlySet<string> | null): void {
    this.hold(
      object,
      fields,
      rows.map((row) => [row.id, row] as const),
    );
  }

  /** Records read by id elsewhere (a page's embedded relations); null: none the caller may see. */
  rememberById(
    object: ObjectDef,
    byId: ReadonlyMap<string, RecordRow | null>,
    fields: ReadonlySet<string> | null,
  ): void {
    this.hold(object, fields, byId);
  }

  private hold(
    object: ObjectDef,
    fields: ReadonlySet<string> | null | undefined,
    rows: Iterable<readonly [string, RecordRow | null]>,
  ): void {
    const entry = this.recordEntry(object, fields);
    for (const [id, row] of rows) {
      entry.loader.clear(id).prime(id, row);
      entry.rows.set(id, row);
    }
  }

  /** A write may change any relation, so what was loaded before it is forgotten. */
  forgetRecords(): void {
    this.records.clear();
    this.related.clear();
  }
}

/** The loader of one object's records in a request, and the rows it already holds. */
interface RecordEntry {
  loader: DataLoader<string, RecordRow | null>;
  fields: ReadonlySet<string> | null;
  rows: Map<string, RecordRow | null>;
}

export interface RequestStateOptions {
  /** The caller's record scope (their permission profile); undefined: every record. */
  scopeOf?: (userId: string, role: Role) => RecordScope | undefined;
  /**
   * The workspace's whole metadata when the schema shows a profile's view of it (hidden fields
   * archived there): the store writes with it, so a write keeps every column's derived values
   * (the search document) whole.
   */
  storeMetadata?: WorkspaceMetadata;
}

/** Whether rows of `have` fields (null: all) serve a read of `want`. */
function covers(have: ReadonlySet<string> | null, want: ReadonlySet<string> | null | undefined): boolean {
  if (!have || have === want) return true;
  if (!want) return false;
  for (const key of want) if (!have.has(key)) return false;
  return true;
}

/** Per-request states of one workspace schema, dropped with their request context. */
export class RequestStates {
  private readonly states = new WeakMap<RecordsContext, RequestState>();
  /** The schema's metadata never changes (a new version builds a new schema): its list statements are kept. */
  private readonly statements: ListStatements;

  constructor(
    private readonly metadata: WorkspaceMetadata,
    private readonly store: RecordStore,
    private readonly options: RequestStateOptions = {},
  ) {
    this.statements = new ListStatements(options.storeMetadata ?? metadata);
  }

  /** Checks `permission` for the caller (every generated resolver comes here) and returns the state. */
  enter(ctx: RecordsContext, permission: Permission): RequestState {
    const access = requirePermission(ctx, permission);
    // The schema carries one workspace's metadata; never run it for another's caller.
    if (access.workspaceId !== this.metadata.workspaceId) {
      throw new Forbidden('This request was routed to another workspace’s records.');
    }
    let state = this.states.get(ctx);
    if (!state) {
      state = new RequestState(
        // The request's entity manager, not forked for this: reads only send statements.
        withSharedFork(
          {
            metadata: this.options.storeMetadata ?? this.metadata,
            actorId: access.caller.user.id,
            timeZone: access.caller.user.timeZone,
            filterLimits: ctx.services.filterLimits,
            origin: { address: ctx.clientAddress, userAgent: ctx.userAgent, tokenId: access.caller.tokenId },
            scope: this.options.scopeOf?.(access.caller.user.id, access.role),
            statements: this.statements,
          },
          ctx,
        ),
        this.store,
        ctx.services.fileRefs,
      );
      this.states.set(ctx, state);
    }
    return state;
  }
}
