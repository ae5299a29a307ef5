import { describe, expect, it } from 'vitest';
import { caughtUp, FeedQueue, openingWithNewest } from './feed-queue.js';

describe('FeedQueue', () => {
  it('hands values to a waiting reader and buffers them for a later one, in order', async () => {
    const queue = new FeedQueue<number>(() => undefined);
    const first = queue.next();
    queue.push(1);
    queue.push(2);
    queue.push(3);
    expect(await first).toEqual({ value: 1, done: false });
    expect(await queue.next()).toEqual({ value: 2, done: false });
    expect(await queue.next()).toEqual({ value: 3, done: false });
  });

  it('still delivers what was buffered when it ends, then is done, and runs onEnd once', async () => {
    let ends = 0;
    const queue = new FeedQueue<number>(() => (ends += 1));
    queue.push(1);
    queue.end();
    queue.end();
    queue.push(2);
    expect(await queue.next()).toEqual({ value: 1, done: false });
    expect(await queue.next()).toEqual({ value: undefined, done: true });
    expect(ends).toBe(1);
  });

  it('ends a waiting reader with the error it ends with', async () => {
    const queue = new FeedQueue<number>(() => undefined);
    const waiting = queue.next();
    queue.end(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    expect(await queue.next()).toEqual({ value: undefined, done: true });
  });

  it('return() finishes a waiting reader, drops the buffer and runs onEnd', async () => {
    let ends = 0;
    const queue = new FeedQueue<number>(() => (ends += 1));
    const waiting = queue.next();
    await queue.return();
    expect(await waiting).toEqual({ value: undefined, done: true });
    queue.push(1);
    expect(await queue.next()).toEqual({ value: undefined, done: true });
    expect(ends).toBe(1);
  });

  it('is what for await reads, and breaking out of the loop ends it', async () => {
    let ends = 0;
    const queue = new FeedQueue<number>(() => (ends += 1));
    queue.push(1);
    queue.push(2);
    const seen: number[] = [];
    for await (const value of queue) {
      seen.push(value);
      if (value === 2) break;
    }
    expect(seen).toEqual([1, 2]);
    expect(ends).toBe(1);
  });
});

describe('caughtUp', () => {
  it('reads the catch-up once, on the first pull, and yields it before what the subscription heard', async () => {
    const rest = new FeedQueue<number>(() => undefined);
    let reads = 0;
    const caught = caughtUp(async () => {
      reads += 1;
      return [1, 2];
    }, rest);
    rest.push(3);
    expect(reads).toBe(0);
    expect(await caught.next()).toEqual({ value: 1, done: false });
    expect(await caught.next()).toEqual({ value: 2, done: false });
    expect(await caught.next()).toEqual({ value: 3, done: false });
    expect(reads).toBe(1);
  });

  it('ends the subscription when returned, even while the catch-up is unread', async () => {
    let ended = false;
    const rest = new FeedQueue<number>(() => (ended = true));
    const caught = caughtUp(async () => [1], rest);
    await caught.return!();
    expect(ended).toBe(true);
  });
});

describe('openingWithNewest', () => {
  it('sends the newest first read oldest first, then the live items', async () => {
    const live = new FeedQueue<string>(() => undefined);
    const feed = await openingWithNewest(
      2,
      async (count) => ['c', 'b', 'a'].slice(0, count),
      () => live,
    );
    live.push('d');
    const iterator = feed[Symbol.asyncIterator]();
    const taken = [];
    for (let i = 0; i < 3; i++) taken.push((await iterator.next()).value);
    expect(taken).toEqual(['b', 'c', 'd']);
  });

  it('refuses a latest out of range before it listens', async () => {
    let listened = false;
    const listen = () => {
      listened = true;
      return new FeedQueue<string>(() => undefined);
    };
    await expect(openingWithNewest(201, async () => [], listen)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', argumentPath: ['latest'] },
    });
    await expect(openingWithNewest(-1, async () => [], listen)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(listened).toBe(false);
  });
});
