import { BadInput } from './errors.js';

/**
 * The async iterator of a subscription (the change feed's, every event bus subscription's):
 * the producer pushes, the reader (graphql-ws) pulls; what the reader has not taken yet waits. A plain queue with one waiting reader: with 1,000
 * subscribers an event is pushed 1,000 times, and a Repeater per subscriber (a promise
 * per push plus its bookkeeping) was the largest share of the feed's own CPU.
 */
export class FeedQueue<T> implements AsyncIterableIterator<T> {
  private readonly buffer: T[] = [];
  private reader?: { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void };
  private ended = false;
  private failure?: { error: unknown };

  /** `onEnd` runs once, when the queue ends for any reason (return, end, end with error). */
  constructor(private readonly onEnd: () => void) {}

  push(value: T): void {
    if (this.ended) return;
    const reader = this.reader;
    if (!reader) {
      this.buffer.push(value);
      return;
    }
    this.reader = undefined;
    reader.resolve({ value, done: false });
  }

  /** No more values: what is buffered is still read, then the error if any, else done. */
  end(error?: unknown): void {
    if (this.ended) return;
    this.ended = true;
    if (error !== undefined) this.failure = { error };
    const reader = this.reader;
    this.reader = undefined;
    if (reader) this.settle(reader);
    this.onEnd();
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buffer.length > 0) return Promise.resolve({ value: this.buffer.shift()!, done: false });
    return new Promise((resolve, reject) => {
      if (this.ended) this.settle({ resolve, reject });
      else this.reader = { resolve, reject };
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.buffer.length = 0;
    this.failure = undefined;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<T>> {
    this.buffer.length = 0;
    this.end();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private settle(reader: NonNullable<FeedQueue<T>['reader']>): void {
    const failure = this.failure;
    this.failure = undefined;
    if (failure) reader.reject(failure.error);
    else reader.resolve({ value: undefined, done: true });
  }
}

/**
 * `first`, then what `rest` yields: a subscription that opens with the current state, so what
 * happened between reading that state and subscribing is not lost.
 */
export function startingWith<T>(first: T, rest: AsyncIterable<T>): AsyncIterableIterator<T> {
  return caughtUp(async () => [first], rest);
}

/**
 * What `catchUp` reads (once, on the first pull: `rest` is already listening by then), then what
 * `rest` yields: a subscription resuming from an earlier read gets what happened between that
 * read and the subscription first. Ending it ends `rest` at once (an async generator would wait
 * for `rest`'s next value before it could return).
 */
export function caughtUp<T>(catchUp: () => Promise<T[]>, rest: AsyncIterable<T>): AsyncIterableIterator<T> {
  const inner = rest[Symbol.asyncIterator]();
  let first: Promise<T[]> | undefined;
  return {
    async next() {
      first ??= catchUp();
      const value = (await first).shift();
      return value === undefined ? inner.next() : { value, done: false };
    },
    return: (value?: unknown) =>
      inner.return?.(value) ?? Promise.resolve({ value: undefined as T, done: true as const }),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** The most items a list subscription opens with (`latest`): a list screen's longest page. */
export const maxLatest = 200;

/**
 * `live`, opened with the `latest` newest items of a list as they are once it listens (`newest`
 * reads them newest first; they are sent oldest first, so a list putting each new item first
 * ends in order): a screen reads its list and subscribes at about the same time, and an item that
 * moved on between the two is not left as read. `latest` 0 is `live` alone. `latest` is checked
 * before `listen` subscribes, so a refused one leaves no listener behind.
 */
export async function openingWithNewest<T>(
  latest: number,
  newest: (count: number) => Promise<T[]>,
  listen: () => AsyncIterable<T> | Promise<AsyncIterable<T>>,
): Promise<AsyncIterable<T>> {
  if (!Number.isInteger(latest) || latest < 0 || latest > maxLatest)
    throw new BadInput(['latest'], `latest: a whole number from 0 to ${maxLatest}.`);
  const live = await listen();
  if (!latest) return live;
  return caughtUp(async () => (await newest(latest)).reverse(), live);
}
