import { describe, expect, it } from 'vitest';
import type { ObjectDef, WorkspaceMetadata } from '../metadata/index.js';
import { readTimeline } from './feed.js';
import type { TimelineSource, TimelineSourceContext, TimelineTarget } from './source.js';

const target = {
  metadata: {} as WorkspaceMetadata,
  object: { key: 'deal' } as ObjectDef,
  recordId: 'r1',
} satisfies TimelineTarget;
const ctx = {} as TimelineSourceContext;

/** A source over fixed minutes (newest first), paging by index. */
function fixed(name: string, kind: string, minutes: number[]): TimelineSource & { reads: number } {
  const source = {
    name,
    kinds: [kind],
    reads: 0,
    async read(_ctx: TimelineSourceContext, query: { after: string | null; first: number }) {
      source.reads += 1;
      const start = query.after === null ? 0 : Number(query.after) + 1;
      return minutes.slice(start, start + query.first).map((minute, i) => ({
        item: {
          id: `${name}:${start + i}`,
          kind,
          at: new Date(Date.UTC(2026, 0, 1, 0, minute)),
          actorId: null,
          object: 'deal',
          recordId: 'r1',
          data: {},
        },
        cursor: String(start + i),
      }));
    },
  };
  return source;
}

async function everyPage(sources: TimelineSource[], first: number, kinds = ['A', 'B', 'C']) {
  const pages: string[][] = [];
  let after: string | null = null;
  for (;;) {
    const page = await readTimeline(ctx, sources, target, { first, after, kinds: new Set(kinds) });
    pages.push(page.nodes.map((n) => n.id));
    if (!page.hasNextPage) return pages;
    after = page.endCursor;
  }
}

describe('readTimeline', () => {
  const sources = () => [
    fixed('a', 'A', [50, 40, 30, 20]),
    fixed('b', 'B', [45, 40, 5]),
    fixed('c', 'C', []),
  ];

  it('merges newest first, ties in source order', async () => {
    const [page] = await everyPage(sources(), 50);
    expect(page).toEqual(['a:0', 'b:0', 'a:1', 'b:1', 'a:2', 'a:3', 'b:2']);
  });

  it('pages through every item once, whatever the page size', async () => {
    for (const first of [1, 2, 3, 6]) {
      const pages = await everyPage(sources(), first);
      expect(pages.flat()).toEqual(['a:0', 'b:0', 'a:1', 'b:1', 'a:2', 'a:3', 'b:2']);
      expect(pages.every((p) => p.length === first || p === pages.at(-1))).toBe(true);
    }
  });

  it('stops asking a source that has nothing older, and asks only sources of the kinds wanted', async () => {
    const list = sources();
    await everyPage(list, 2);
    expect(list[2]!.reads).toBe(1);
    const onlyB = sources();
    expect((await everyPage(onlyB, 10, ['B'])).flat()).toEqual(['b:0', 'b:1', 'b:2']);
    expect(onlyB[0]!.reads).toBe(0);
  });

  it('refuses a cursor it did not make', async () => {
    await expect(
      readTimeline(ctx, sources(), target, { first: 5, after: 'nonsense', kinds: new Set(['A']) }),
    ).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argumentPath: ['after'] } });
  });
});
