import type { RequestContext } from '../identity/index.js';
import type { MetadataCache } from '../metadata/index.js';
import type { EventBus } from '../platform/index.js';
import type { FilterLimits, RecordAccessViews } from '../records/index.js';
import type { ReportWatch } from './live.js';
import type { ReportRollups } from './rollup.js';
import type { RollupWarmer } from './warm.js';

/** What reports and dashboards need from the app, wired once per server. */
export interface ReportServices {
  events: EventBus;
  filterLimits: FilterLimits;
  /** Metadata by version: a report reads it on every run. */
  metadataCache: MetadataCache;
  /** Tells dashboards in this process when the records behind their widgets changed. */
  reportWatch: ReportWatch;
  /** Kept aggregates that repeated reads bring up to date instead of scanning the table. */
  reportRollups?: ReportRollups;
  /** Builds rollups in the background before their first read (with `reportRollups`). */
  reportWarmer?: RollupWarmer;
  /** The caller's record scope and visible fields (permission profiles). */
  recordAccess: RecordAccessViews;
}

export type ReportContext = RequestContext<ReportServices>;
