import { describe, expect, it } from 'vitest';
import type { WorkspaceAccess } from '../identity/index.js';
import { createLogger, FeedQueue } from '../platform/index.js';
import { ReportWatch, type DashboardRefresh, type WidgetResult } from './live.js';
import type { RefreshRequest } from './push.js';
import type { ReportResult } from './run.js';

/** A change feed that never announces anything: refreshes here come from dashboard edits. */
const silentFeed = { subscribe: () => new FeedQueue<never>(() => undefined) };

const accessOf = (userId: string) =>
  ({ workspaceId: 'w', role: 'MEMBER', caller: { user: { id: userId } } }) as unknown as WorkspaceAccess;

const widgets = [{ widgetId: 'w1', reportId: 'r1', objectIds: ['o1'] }];

describe('ReportWatch', () => {
  it('gives subscribers told the same results one event object, and others their own', async () => {
    const watch = new ReportWatch(silentFeed, createLogger('silent'));
    const shared = { rows: [] } as unknown as ReportResult;
    const own = { rows: [] } as unknown as ReportResult;
    watch.pushResults({
      results: async (requests: readonly RefreshRequest[]): Promise<WidgetResult[][]> =>
        requests.map((r) => [
          { widgetId: 'w1', reportId: 'r1', result: r.access.caller.user.id === 'carla' ? own : shared },
        ]),
    });
    const target = (userId: string) => ({ access: accessOf(userId), schema: 's', dashboardId: 'd1' });
    const [ana, bo, carla] = ['ana', 'bo', 'carla'].map(
      (user) => watch.watch(target(user), widgets)[Symbol.asyncIterator]() as AsyncIterator<DashboardRefresh>,
    );
    watch.dashboardEdited('d1');
    const [a, b, c] = await Promise.all([ana!.next(), bo!.next(), carla!.next()]);
    expect(a.value).toBe(b.value);
    expect(a.value.results[0].result).toBe(shared);
    expect(c.value).not.toBe(a.value);
    expect(c.value.results[0].result).toBe(own);
    expect(c.value).toMatchObject({ dashboardId: 'd1', widgetIds: ['w1'], reason: 'EDITED' });
  });
});
