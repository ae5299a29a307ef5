import { describe, expect, it } from 'vitest';
import { WarmQueue } from './warm.js';

describe('WarmQueue', () => {
  it('runs one job at a time, what was just saved before the start-up backlog', async () => {
    const order: string[] = [];
    let running = 0;
    const queue = new WarmQueue(() => undefined);
    const job = (name: string) => async () => {
      running += 1;
      expect(running).toBe(1);
      order.push(name);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
    };
    queue.push(false, job('start 1'));
    queue.push(false, job('start 2'));
    queue.push(true, job('saved 1'));
    queue.push(false, async () => {
      order.push('start 3');
      // A job may queue more: idle() waits for those too.
      queue.push(true, job('pushed by start 3'));
    });
    queue.push(true, job('saved 2'));
    await queue.idle();
    expect(order).toEqual(['saved 1', 'saved 2', 'start 1', 'start 2', 'start 3', 'pushed by start 3']);
  });

  it('goes on after a failed job, and runs again after it went idle', async () => {
    const failures: unknown[] = [];
    const done: string[] = [];
    const queue = new WarmQueue((error) => failures.push(error));
    queue.push(true, () => Promise.reject(new Error('no table')));
    queue.push(true, async () => void done.push('a'));
    await queue.idle();
    queue.push(false, async () => void done.push('b'));
    await queue.idle();
    expect(done).toEqual(['a', 'b']);
    expect(failures).toHaveLength(1);
  });

  it('starts nothing more once closed, and waits for the job under way', async () => {
    const done: string[] = [];
    const queue = new WarmQueue(() => undefined);
    queue.push(true, async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      done.push('under way');
    });
    queue.push(true, async () => void done.push('never'));
    await new Promise((resolve) => setTimeout(resolve, 1));
    await queue.close();
    queue.push(true, async () => void done.push('after close'));
    await queue.idle();
    expect(done).toEqual(['under way']);
  });
});
