import { describe, expect, it } from 'vitest';
import { keepPushedRun, withPushedRuns, type AutomationRun } from './operations';

const run = (id: string, createdAt: string, status: AutomationRun['status']) =>
  ({
    id,
    createdAt,
    status,
    finishedAt: ['SUCCEEDED', 'FAILED', 'SKIPPED', 'LOOP_STOPPED'].includes(status) ? createdAt : null,
    dryRun: false,
  }) as AutomationRun;

describe('runs read and pushed', () => {
  it('shows a run pushed before the read was answered, newest first', () => {
    const pushed = new Map<string, AutomationRun>();
    keepPushedRun(pushed, run('b', '2026-12-06T10:00:02.000Z', 'SUCCEEDED'));
    const read = [run('a', '2026-12-06T10:00:01.000Z', 'SUCCEEDED')];
    expect(withPushedRuns(read, pushed).map((r) => r.id)).toEqual(['b', 'a']);
  });

  it('keeps a run pushed as finished when a read or push of it as queued lands after', () => {
    const pushed = new Map<string, AutomationRun>();
    keepPushedRun(pushed, run('a', '2026-12-06T10:00:01.000Z', 'SUCCEEDED'));
    keepPushedRun(pushed, run('a', '2026-12-06T10:00:01.000Z', 'RUNNING'));
    const read = [run('a', '2026-12-06T10:00:01.000Z', 'QUEUED')];
    expect(withPushedRuns(read, pushed).map((r) => r.status)).toEqual(['SUCCEEDED']);
  });

  it('takes a push over the read of a run still going, and a finished read over an unfinished push', () => {
    const pushed = new Map<string, AutomationRun>();
    keepPushedRun(pushed, run('a', '2026-12-06T10:00:01.000Z', 'WAITING'));
    keepPushedRun(pushed, run('b', '2026-12-06T10:00:02.000Z', 'RUNNING'));
    const read = [
      run('b', '2026-12-06T10:00:02.000Z', 'FAILED'),
      run('a', '2026-12-06T10:00:01.000Z', 'QUEUED'),
    ];
    expect(withPushedRuns(read, pushed).map((r) => [r.id, r.status])).toEqual([
      ['b', 'FAILED'],
      ['a', 'WAITING'],
    ]);
  });

  it('leaves out dry runs, read or pushed', () => {
    const pushed = new Map<string, AutomationRun>();
    keepPushedRun(pushed, { ...run('d', '2026-12-06T10:00:03.000Z', 'SUCCEEDED'), dryRun: true });
    const read = [{ ...run('e', '2026-12-06T10:00:04.000Z', 'SUCCEEDED'), dryRun: true }];
    expect(withPushedRuns(read, pushed)).toEqual([]);
  });
});
