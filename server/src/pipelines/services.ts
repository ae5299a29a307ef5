import type { RequestContext } from '../identity/index.js';
import type { MetadataServices } from '../metadata/index.js';
import type { FilterLimits, RecordAccessViews, RecordStore } from '../records/index.js';

/** What pipelines and boards need from the app: moves write records, stage edits change metadata. */
export interface PipelineServices extends MetadataServices {
  records: RecordStore;
  /** How deep and large a board's filter may be. */
  filterLimits: FilterLimits;
  /** The caller's record scope and visible fields (permission profiles). */
  recordAccess: RecordAccessViews;
}

/** A pipeline resolver's context: the request with the pipelines module's own services. */
export type PipelineContext = RequestContext<PipelineServices>;
