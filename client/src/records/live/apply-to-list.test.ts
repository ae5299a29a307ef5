import { describe, expect, it } from 'vitest';
import type { RecordChangeEvent } from '@crm/contracts';
import { fieldOf, objectOf } from '../testing-metadata';
import { placeAnswer, planListChange, wasCounted, type ListView } from './apply-to-list';
import { LabelBook } from './merge-change';

const company = objectOf('company', 'companies', [fieldOf('name', 'TEXT'), fieldOf('size', 'NUMBER')]);
const rows = [
  { id: 'a', version: 1, name: 'Alpha', size: 1 },
  { id: 'b', version: 2, name: 'Beta', size: 5 },
];

function view(extra: Partial<ListView> = {}): ListView {
  return {
    context: { object: company, objects: [company], shape: 'api', labels: new LabelBook() },
    filter: null,
    searching: false,
    sort: [],
    complete: true,
    ...extra,
  };
}

function change(
  recordId: string,
  values: Record<string, unknown>,
  extra: Partial<RecordChangeEvent> = {},
): RecordChangeEvent {
  return {
    changeId: '9',
    object: 'company',
    recordId,
    kind: 'update',
    version: 2,
    actorId: null,
    at: '2026-05-01T10:00:00.000Z',
    changedFields: Object.keys(values),
    values,
    previous: {},
    ...extra,
  };
}

const ids = (step: ReturnType<typeof planListChange>) =>
  step.do === 'set' ? step.rows.map((r) => r.id) : step.do;

describe('planListChange', () => {
  it('updates a held row in place from the pushed values', () => {
    const step = planListChange(rows, change('a', { size: 7 }), view());
    expect(step).toEqual({ do: 'set', rows: [{ ...rows[0], version: 2, size: 7 }, rows[1]], countDelta: 0 });
  });

  it('skips the writer’s own change already answered by its mutation', () => {
    expect(planListChange(rows, change('b', { size: 9 }), view())).toEqual({ do: 'skip' });
  });

  it('drops a row that no longer matches a filter it can evaluate, and asks when it cannot', () => {
    expect(
      ids(planListChange(rows, change('a', { size: 0 }), view({ filter: { size: { gt: 0 } } }))),
    ).toEqual(['b']);
    expect(planListChange(rows, change('a', { name: 'x' }), view({ searching: true }))).toEqual({
      do: 'ask',
    });
    expect(planListChange(rows, change('a', { size: 3 }), view({ searching: true })).do).toBe('set');
  });

  it('moves a row to where the sort puts it, and out when it passes the last row of an incomplete list', () => {
    const sort = [{ field: 'size', direction: 'ASC' as const }];
    expect(ids(planListChange(rows, change('a', { size: 9 }), view({ sort })))).toEqual(['b', 'a']);
    expect(ids(planListChange(rows, change('a', { size: 9 }), view({ sort, complete: false })))).toEqual([
      'b',
    ]);
  });

  it('adds a created record that matches, at the top or in sort order, and counts it', () => {
    const created = change('c', { name: 'Gamma', size: 3 }, { kind: 'create', version: 1 });
    expect(planListChange(rows, created, view())).toMatchObject({ do: 'set', countDelta: 1 });
    expect(ids(planListChange(rows, created, view()))).toEqual(['c', 'a', 'b']);
    const sort = [{ field: 'size', direction: 'ASC' as const }];
    expect(ids(planListChange(rows, created, view({ sort })))).toEqual(['a', 'c', 'b']);
    expect(planListChange(rows, created, view({ filter: { size: { gt: 4 } } }))).toEqual({ do: 'skip' });
    expect(planListChange(rows, created, view({ searching: true }))).toEqual({ do: 'ask' });
  });

  it('removes a deleted row, ignores other rows’ edits unless a filter looks at them, reloads on a conversion', () => {
    expect(planListChange(rows, change('a', {}, { kind: 'delete' }), view())).toMatchObject({
      countDelta: -1,
    });
    expect(planListChange(rows, change('z', { size: 1 }), view())).toEqual({ do: 'skip' });
    expect(planListChange(rows, change('z', { size: 1 }), view({ filter: { size: { gt: 0 } } }))).toEqual({
      do: 'ask',
    });
    expect(planListChange(rows, change('a', {}, { kind: 'convert' }), view())).toEqual({ do: 'reload' });
  });
});

describe('placeAnswer', () => {
  it('adds a record the server says now matches, counting it only if it did not before', () => {
    const filtered = view({ filter: { size: { gt: 4 } } });
    const moved = change('z', { size: 6 }, { previous: { size: 1 } });
    expect(wasCounted(rows, moved, filtered)).toBe(false);
    const step = placeAnswer(rows, 'z', { id: 'z', version: 2, name: 'Zed', size: 6 }, filtered, false);
    expect(step).toMatchObject({ do: 'set', countDelta: 1 });
    expect(placeAnswer(rows, 'a', null, filtered, true)).toMatchObject({ countDelta: -1 });
  });
});
