import { describe, expect, it } from 'vitest';
import { CollabDocumentStore } from './document-store.js';

/** A store whose compaction only counts: compactWhenDue decides when, compact does the work. */
class Counting extends CollabDocumentStore {
  compactions = 0;
  constructor() {
    super({} as never);
  }
  override async compact(): Promise<void> {
    this.compactions += 1;
  }
}

describe('compacting a document after a store', () => {
  it('happens once a while while people edit, when the last connection leaves, and on the next load', async () => {
    const store = new Counting();
    let connections = 3;
    const document = { getConnectionsCount: () => connections };
    await store.compactWhenDue('a', document);
    await store.compactWhenDue('a', document);
    await store.compactWhenDue('a', document);
    expect(store.compactions).toBe(1);
    // Another document has its own clock.
    await store.compactWhenDue('b', document);
    expect(store.compactions).toBe(2);
    connections = 0;
    await store.compactWhenDue('a', document);
    expect(store.compactions).toBe(3);
    // Loaded again after an unload: the first store compacts.
    store.unloaded('a');
    connections = 1;
    await store.compactWhenDue('a', document);
    expect(store.compactions).toBe(4);
  });
});
