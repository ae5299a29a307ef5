import type { RequestContext } from '../identity/index.js';
import type { MetadataServices } from '../metadata/index.js';
import type { SqlRecordStore } from '../records/index.js';

/** What rating and conversion need from the app: metadata changes (a model adds its fields) and the record store. */
export interface LeadServices extends Omit<MetadataServices, 'records'> {
  records: SqlRecordStore;
}

export type LeadsContext = RequestContext<LeadServices>;
