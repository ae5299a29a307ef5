import type { ObjectDef, WorkspaceMetadata } from '../../metadata/index.js';
import { setBounded } from '../../platform/index.js';
import type { SortInput } from '../api.js';
import type { CursorValue } from './cursor.js';
import type { Embed, EmbedTemplate } from './embeds.js';
import type { ListShape } from './list.js';
import type { PageLead } from './null-split.js';
import { projectionKey, type RowDecoder } from './rows.js';
import { compileSort, type SortKey } from './sort.js';
import type { Sql } from './sql.js';

/**
 * A list's page and count statements kept per query shape, so a request only gathers its
 * values. The filter, search and scope are still compiled per request (that is where their
 * values are checked and come from), but the select list, order, cursor predicate, null split
 * and scoped union around them are built once per shape; the statement keeps a slot where
 * each of those values goes.
 *
 * One instance belongs to one metadata snapshot that never changes (a built schema's, per
 * workspace and metadata version): a metadata transaction edits its own freshly loaded copy in
 * place, so nothing keyed on an object's id here can go stale, and a call with any other
 * metadata is compiled afresh. At most `capacity` shapes per schema (a few kB each), the oldest
 * dropped first.
 */
export class ListStatements {
  private readonly templates = new Map<string, { object: ObjectDef; template: ListTemplate }>();
  private readonly sorts = new Map<string, { object: ObjectDef; keys: SortKey[] }>();
  private readonly embeds = new Map<string, EmbedTemplate>();

  constructor(
    readonly metadata: WorkspaceMetadata,
    private readonly capacity = 100,
  ) {}

  /** The sort keys of `sort` on `object` (compileSort's, checked once per sort). */
  sortOf(object: ObjectDef, sort: readonly SortInput[] | null | undefined): SortKey[] {
    const key = `${object.id}\u0001${sort?.length ? JSON.stringify(sort) : ''}`;
    const cached = this.sorts.get(key);
    if (cached?.object === object) return cached.keys;
    const keys = compileSort(object, sort);
    setBounded(this.sorts, key, { object, keys }, this.capacity);
    return keys;
  }

  /** The statements of `shape`'s shape, from `build` (given slots for values) the first time. */
  template(
    metadata: WorkspaceMetadata,
    object: ObjectDef,
    shape: ListShape,
    sort: readonly SortInput[] | null | undefined,
    build: () => ListTemplate,
  ): ListTemplate {
    if (metadata !== this.metadata) return build();
    const key = this.shapeKey(object, shape, sort);
    const cached = this.templates.get(key);
    if (cached?.object === object) return cached.template;
    const template = build();
    setBounded(this.templates, key, { object, template }, this.capacity);
    return template;
  }

  /**
   * A page statement with its embedded relations (embeds.ts), from `build` the first time for
   * that page text, those relations and fields, and those scopes' text.
   */
  embedded(
    metadata: WorkspaceMetadata,
    page: string,
    embeds: readonly Embed[],
    scopes: readonly (Sql | null)[],
    build: () => EmbedTemplate,
  ): EmbedTemplate {
    if (metadata !== this.metadata) return build();
    const parts = embeds.map((e, i) => `${e.field.id}:${projectionKey(e.fields)}:${scopes[i]?.sql ?? ''}`);
    const key = `${parts.join('\u0002')}\u0001${page}`;
    const cached = this.embeds.get(key);
    if (cached) return cached;
    const template = build();
    setBounded(this.embeds, key, template, this.capacity);
    return template;
  }

  /**
   * Everything that changes the statements' text: the object, page size, sort, which cursor
   * values are null (they change the predicate), liveness, the columns read, and the filter's,
   * search's and scope's own text (their values are parameters, so equal text is equal shape).
   */
  private shapeKey(
    object: ObjectDef,
    shape: ListShape,
    sort: readonly SortInput[] | null | undefined,
  ): string {
    const cursor = shape.cursor ? shape.cursor.map((v) => (v === null ? 'n' : 'v')).join('') : '-';
    const holders = shape.holders
      ? `${shape.holders.length}:${shape.holders.map((h) => h.sql).join('\u0002')}`
      : '*';
    return [
      object.id,
      shape.first,
      sort?.length ? JSON.stringify(sort) : '',
      shape.includeDeleted ? 'd' : 'l',
      cursor,
      projectionKey(shape.projection),
      shape.filter?.sql ?? '',
      shape.search?.sql ?? '',
      holders,
    ].join('\u0001');
  }
}

/** A list's statements with slots for its values, and the decoder of its rows. */
export interface ListTemplate {
  page: Sql;
  lead: PageLead | null;
  count: Sql;
  decode: RowDecoder;
}

type Source = 'filter' | 'search' | 'holder' | 'cursor';

/** Where one parameter of a template comes from: the n-th value of a part of the request. */
class Slot {
  constructor(
    readonly source: Source,
    readonly part: number,
    readonly index: number,
  ) {}
}

/** The values a template's slots are filled from. */
export interface SlotValues {
  filter: Sql | null;
  search: Sql | null;
  holders: readonly Sql[] | null | undefined;
  cursor: readonly CursorValue[] | null;
}

/** `shape` with each value replaced by its slot (a null cursor value stays: it is shape). */
export function slotted(shape: ListShape): ListShape {
  const slots = (part: Sql, source: Source, n = 0): Sql => ({
    sql: part.sql,
    params: part.params.map((_, i) => new Slot(source, n, i)),
  });
  return {
    ...shape,
    filter: shape.filter && slots(shape.filter, 'filter'),
    search: shape.search && slots(shape.search, 'search'),
    holders: shape.holders && shape.holders.map((h, n) => slots(h, 'holder', n)),
    cursor:
      shape.cursor &&
      shape.cursor.map((v, i) => (v === null ? null : (new Slot('cursor', 0, i) as unknown as CursorValue))),
  };
}

/** A template's parameters with this request's values in its slots. */
export function fillSlots(params: readonly unknown[], values: SlotValues): unknown[] {
  return params.map((p) => (p instanceof Slot ? valueOf(p, values) : p));
}

function valueOf(slot: Slot, values: SlotValues): unknown {
  switch (slot.source) {
    case 'filter':
      return values.filter!.params[slot.index];
    case 'search':
      return values.search!.params[slot.index];
    case 'holder':
      return values.holders![slot.part]!.params[slot.index];
    case 'cursor':
      return values.cursor![slot.index] ?? null;
  }
}
