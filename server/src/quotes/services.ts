import type { LineSource } from '../documents/index.js';
import type { RequestContext } from '../identity/index.js';
import type { MetadataCache } from '../metadata/index.js';
import type { EventBus } from '../platform/index.js';
import type { RecordAccessViews } from '../records/index.js';

/** What quotes and invoices need from the app: the bus (live lines), the caller's record scope (the deal's), metadata. */
export interface QuotesServices {
  events: EventBus;
  recordAccess: RecordAccessViews;
  /** The workspace's metadata, read once per version (products and prices are found through it). */
  metadataCache: MetadataCache;
  /** The documents' line sources: those pricing a unit (a boat package) give quotes their lines. */
  lineSources: readonly LineSource[];
}

/** A quotes resolver's context: the request with the module's own services. */
export type QuotesContext = RequestContext<QuotesServices>;
