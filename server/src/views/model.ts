import type { RecordFilter, SortInput } from '../records/index.js';

/** How a saved view presents an object's records. */
export const viewTypes = ['TABLE', 'BOARD', 'CALENDAR'] as const;
export type ViewKind = (typeof viewTypes)[number];

/** One visible column (or card field), in display order. */
export interface ViewColumn {
  key: string;
  /** Pixels; null leaves it to the client. */
  width: number | null;
}

/** What a view saves, apart from who owns it and where it sorts among the others. */
export interface ViewSpec {
  name: string;
  type: ViewKind;
  shared: boolean;
  filter: RecordFilter | null;
  sort: SortInput[] | null;
  fields: ViewColumn[];
  groupByField: string | null;
  calendarField: string | null;
  pageSize: number;
}

/** A change to a view: absent keys stay as they are. */
export type ViewPatch = Partial<ViewSpec> & { position?: number };

export const defaultViewPageSize = 50;
export const maxViewPageSize = 500;
