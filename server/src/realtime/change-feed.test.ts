import type { MikroORM } from '@mikro-orm/postgresql';
import { describe, expect, it } from 'vitest';
import type { WorkspaceMetadata } from '../metadata/index.js';
import { createLogger, type EventBus } from '../platform/index.js';
import type { RecordChange } from '../records/index.js';
import { ChangeFeed } from './change-feed.js';

// The wake-up a write publishes carries its changes only where someone may read them: a
// subscriber in this process (tests/e2e/dashboard-push.test.ts: no read of the log for 10
// writes) or another process on the bus.

const workspaceId = 'a1b2c3d4-0000-4000-8000-000000000001';
const metadata = {
  workspaceId,
  version: 1,
  schema: 'ws_test',
  objects: [{ id: 'object-1', key: 'deal' }],
} as unknown as WorkspaceMetadata;
const change: RecordChange = {
  changeId: '41',
  objectId: 'object-1',
  recordId: 'record-1',
  kind: 'create',
  actorId: 'user-1',
  changes: { name: [null, 'Harbour view'] },
  version: 1,
  at: new Date('2026-12-07T10:00:00Z'),
};

function published(alone: boolean) {
  const sent: unknown[] = [];
  const bus = { publish: async (...args: unknown[]) => void sent.push(args) } as unknown as EventBus;
  const feed = new ChangeFeed({} as MikroORM, bus, createLogger('silent'), () => alone);
  return { feed, sent };
}

describe('a write’s wake-up', () => {
  it('carries the changes while another process is on the bus', async () => {
    const { feed, sent } = published(false);
    await feed.recordHooks.afterCommit!({ metadata, actorId: 'user-1', changes: [change] });
    expect(sent).toEqual([
      [
        'workspace.changes',
        workspaceId,
        {
          lastChangeId: '41',
          changes: [
            {
              changeId: '41',
              objectId: 'object-1',
              objectKey: 'deal',
              recordId: 'record-1',
              kind: 'create',
              version: 1,
              actorId: 'user-1',
              at: '2026-12-07T10:00:00.000Z',
              changes: { name: [null, 'Harbour view'] },
            },
          ],
        },
      ],
    ]);
  });

  it('is a bare wake-up in a process alone with nobody watching the workspace', async () => {
    const { feed, sent } = published(true);
    await feed.recordHooks.afterCommit!({ metadata, actorId: 'user-1', changes: [change] });
    expect(sent).toEqual([['workspace.changes', workspaceId, { lastChangeId: '41' }]]);
  });
});
