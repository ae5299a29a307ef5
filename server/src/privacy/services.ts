import type { RequestContext } from '../identity/index.js';
import type { FilesSettings } from '../files/index.js';
import type { SqlRecordStore } from '../records/index.js';
import type { TimelineSource } from '../timeline/index.js';

/** What privacy requests need from the app. */
export interface PrivacyServices {
  records: SqlRecordStore;
  files: FilesSettings;
  timelineSources: readonly TimelineSource[];
  /** The collaborative documents' part of an erasure, run after it commits. */
  privacyDocuments: {
    eraseRecordHistory(
      workspaceId: string,
      objectKey: string,
      recordId: string,
      texts: Readonly<Record<string, string>>,
    ): Promise<void>;
    /** Document drafts of these records read `scrub(text)`, their history rebuilt without the rest. */
    eraseDraftHistory(
      workspaceId: string,
      recordIds: readonly string[],
      scrub: (text: string) => string,
    ): Promise<void>;
  };
}

export type PrivacyContext = RequestContext<PrivacyServices>;
