import { fieldChangeSource } from './field-changes.js';
import { linkedRecordSource } from './linked-records.js';
import type { TimelineSource } from './source.js';
import { stageMoveSource } from './stage-moves.js';

export const taskKind = 'TASK';
export const noteKind = 'NOTE';

/** The sources every server has; other modules' sources (comments…) are added beside them in app/. */
export const standardTimelineSources: readonly TimelineSource[] = [
  fieldChangeSource,
  stageMoveSource,
  linkedRecordSource('task', taskKind),
  linkedRecordSource('note', noteKind),
];
