import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../identity/index.js';
import type { FilterLimits } from './query/filter-limits.js';

/** What the generated records API needs from the app, wired once per server. */
export interface RecordsServices {
  /** How deep and large a filter (typed argument) may be. */
  filterLimits: FilterLimits;
  /** FILE and IMAGE values (file ids) → what the API shows of each; the files module answers. */
  fileRefs: FileRefs;
}

/** Reads the files of one workspace by id; missing or deleted ones are absent from the map. */
export interface FileRefs {
  load(em: EntityManager, workspaceId: string, ids: readonly string[]): Promise<Map<string, object>>;
}

/** The generated resolvers' context: the request with the records module's own services. */
export type RecordsContext = RequestContext<RecordsServices>;
