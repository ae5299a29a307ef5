import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WorkspaceAccess } from '../identity/index.js';
import type { ChangeEvent } from '../realtime/index.js';
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

  afterEach(() => {
    vi.useRealTimers();
  });

  it("spaces an object's refreshes by what the last one cost, between the minimum and the maximum gap", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'Date', 'performance'] });
    const changes = new FeedQueue<ChangeEvent>(() => undefined);
    const watch = new ReportWatch({ subscribe: () => changes }, createLogger('silent'), {
      delayMs: 100,
      minGapMs: 1_000,
      maxGapMs: 20_000,
      share: 0.1,
    });
    // Each refresh takes the next of these (ms) to compute.
    const costs = [500, 10, 5_000, 10];
    const started: number[] = [];
    watch.pushResults({
      results: async (requests: readonly RefreshRequest[]): Promise<WidgetResult[][]> => {
        started.push(Date.now());
        await new Promise((resolve) => setTimeout(resolve, costs[started.length - 1]));
        return requests.map(() => []);
      },
    });
    const events = watch.watch({ access: accessOf('ana'), schema: 's', dashboardId: 'd1' }, widgets);
    const received: DashboardRefresh[] = [];
    void (async () => {
      for await (const event of events) received.push(event);
    })();
    const t0 = Date.now();
    /** A change now, then time up to `ms` after t0. */
    const changeThenWait = async (ms: number) => {
      changes.push({} as ChangeEvent);
      await vi.advanceTimersByTimeAsync(t0 + ms - Date.now());
    };
    await changeThenWait(700);
    expect(started.map((t) => t - t0)).toEqual([100]);
    // It took 500 ms: 10 % of the time puts the next 5 s after it began, not 1 s.
    await changeThenWait(5_050);
    expect(started).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(started.map((t) => t - t0)).toEqual([100, 5_100]);
    // That one took 10 ms: the next comes after the minimum gap.
    await changeThenWait(6_200);
    expect(started.map((t) => t - t0)).toEqual([100, 5_100, 6_100]);
    // 5 s would ask for 50 s; the maximum gap keeps the dashboard no more than 20 s behind.
    await changeThenWait(11_200);
    await changeThenWait(26_050);
    expect(started).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(100);
    expect(started.map((t) => t - t0)).toEqual([100, 5_100, 6_100, 26_100]);
    await vi.advanceTimersByTimeAsync(100);
    expect(received).toHaveLength(4);
    expect(received.every((e) => e.reason === 'DATA' && e.widgetIds[0] === 'w1')).toBe(true);
  });
});
