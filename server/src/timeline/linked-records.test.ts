import { describe, expect, it } from 'vitest';
import type { FieldDef, ObjectDef, WorkspaceMetadata } from '../metadata/index.js';
import type { ChangeEvent } from '../realtime/index.js';
import type { RecordRow } from '../records/index.js';
import { linkedRecordSource } from './linked-records.js';
import type { TimelineSourceContext, TimelineTarget } from './source.js';

// A deleted task the live subscriber does not hold is looked up only when the delete may precede
// the subscriber's read of its linked set (linked-records.ts, `settleMs`).

const dealLink = {
  key: 'deal',
  type: 'RELATION',
  filterable: true,
  column: 'c_deal',
  options: { targetObjectId: 'o-deal', relationKind: 'MANY_TO_ONE' },
} as unknown as FieldDef;
const deal = { id: 'o-deal', key: 'deal', fields: [] } as unknown as ObjectDef;
const task = { id: 'o-task', key: 'task', fields: [dealLink] } as unknown as ObjectDef;
const target: TimelineTarget = {
  metadata: { objects: [deal, task] } as unknown as WorkspaceMetadata,
  object: deal,
  recordId: 'd1',
};

/** A store whose linked set is `pages` pages of 500 tasks (more behind it when `more`), counting row reads. */
function store(pages: number, more: boolean) {
  const reads: string[] = [];
  let served = 0;
  const records = {
    async list() {
      const nodes =
        served < pages ? Array.from({ length: 500 }, (_, i) => ({ id: `held-${served}-${i}` })) : [];
      served += 1;
      return {
        edges: nodes.map((node) => ({ node, cursor: node.id })),
        nodes,
        pageInfo: { hasNextPage: more || served < pages, endCursor: nodes.at(-1)?.id ?? null },
      };
    },
    async getMany(_ctx: unknown, _object: unknown, ids: string[]) {
      reads.push(...ids);
      return ids.map(
        (id) => ({ id, deal: 'd1', createdAt: new Date(), createdBy: null }) as unknown as RecordRow,
      );
    },
  };
  const ctx = { records, userId: 'u1', workspaceId: 'w1' } as unknown as TimelineSourceContext;
  return { ctx, reads };
}

const deleted = (recordId: string, at: Date): ChangeEvent => ({
  changeId: '1',
  objectId: 'o-task',
  objectKey: 'task',
  recordId,
  kind: 'delete',
  version: 2,
  actorId: null,
  at,
  changes: { deletedAt: [null, at.toISOString()] },
});

describe('linked records: deletes of tasks the subscriber does not hold', () => {
  const source = linkedRecordSource('task', 'TASK');

  it('reads the row of one that may precede the linked set, and pushes its removal', async () => {
    const { ctx, reads } = store(1, false);
    const watch = await source.watchChanges!(ctx, target);
    const events = await watch(deleted('t-old', new Date(Date.now() - 1_000)));
    expect(reads).toEqual(['t-old']);
    expect(events.map((e) => [e.item.id, e.removed])).toEqual([['task:t-old', true]]);
  });

  it('reads nothing for one begun after the set was read: the set is exact for it', async () => {
    const { ctx, reads } = store(1, false);
    const watch = await source.watchChanges!(ctx, target);
    expect(await watch(deleted('t-new', new Date(Date.now() + 120_000)))).toEqual([]);
    expect(reads).toEqual([]);
    // One it holds is removed without a read.
    const held = await watch(deleted('held-0-7', new Date(Date.now() + 120_000)));
    expect(held.map((e) => [e.item.id, e.removed])).toEqual([['task:held-0-7', true]]);
    expect(reads).toEqual([]);
  });

  it('still reads when the set was cut at its cap (a linked task may be beyond it)', async () => {
    const { ctx, reads } = store(20, true);
    const watch = await source.watchChanges!(ctx, target);
    const events = await watch(deleted('t-far', new Date(Date.now() + 120_000)));
    expect(reads).toEqual(['t-far']);
    expect(events.map((e) => e.removed)).toEqual([true]);
  });
});
