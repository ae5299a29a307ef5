import { DefaultApolloClient } from '@vue/apollo-composable';
import { flushPromises, mount } from '@vue/test-utils';
import type { FetchResult, Operation } from '@apollo/client/core';
import { defineComponent, h, ref } from 'vue';
import { describe, expect, it } from 'vitest';
import { createFakeApollo, graphQLError } from '../testing';
import { useBoard } from './use-board';

const stage = (key: string, probability: number) => ({
  key,
  label: key,
  color: '#000',
  kind: 'OPEN',
  probability,
  requiredFields: [],
  wipLimit: null,
});
const deal = (id: string, amount: number, stageKey: string) => ({
  id,
  version: 3,
  name: id,
  stage: stageKey,
  amount: { amount, currency: 'EUR' },
});
const board = {
  field: 'stage',
  sumField: 'amount',
  pipeline: { key: 'sales', label: 'Sales' },
  columns: [
    {
      stage: stage('lead', 10),
      count: 2,
      sum: 300,
      weightedSum: 30,
      overLimit: false,
      hasMore: false,
      records: [deal('a', 100, 'lead'), deal('b', 200, 'lead')],
    },
    {
      stage: stage('won', 100),
      count: 1,
      sum: 1000,
      weightedSum: 1000,
      overLimit: false,
      hasMore: false,
      records: [deal('x', 1000, 'won')],
    },
  ],
  unstaged: { count: 0, hasMore: false, records: [] as ReturnType<typeof deal>[] },
};

/** A board page's composable over a fake server whose `moveRecord` answers with `moveAnswer`. */
async function mountBoard(
  moveAnswer: (operation: Operation) => FetchResult,
  shownBoard: typeof board = board,
  cardsAnswer: (operation: Operation) => FetchResult = () => ({ data: null }),
) {
  const { client, operations } = createFakeApollo((operation) => {
    if (operation.operationName === 'Board') return { data: { board: shownBoard } };
    if (operation.operationName === 'MoveRecord') return moveAnswer(operation);
    if (operation.operationName === 'BoardCards') return cardsAnswer(operation);
    return { data: null };
  });
  let api!: ReturnType<typeof useBoard>;
  const Harness = defineComponent({
    setup() {
      api = useBoard(ref('deal'), ref('sales'));
      return () => h('div');
    },
  });
  mount(Harness, { global: { provide: { [DefaultApolloClient]: client } } });
  await flushPromises();
  const ids = (column: number) => api.board.value!.columns[column]!.records.map((r) => r.id);
  return { api, operations, ids };
}

describe('useBoard', () => {
  it('moves the card at once and sends its neighbours and version', async () => {
    const { api, operations, ids } = await mountBoard(() => ({
      data: { moveRecord: { id: 'b', stage: 'won', rank: 'a1', version: 4, warnings: ['Over the limit.'] } },
    }));
    const moving = api.move({ cardId: 'b', stage: 'won', index: 1 });
    // Optimistic: before the server answers.
    expect(ids(0)).toEqual(['a']);
    expect(ids(1)).toEqual(['x', 'b']);
    expect(api.board.value!.columns[1]!.sum).toBe(1200);

    expect(await moving).toBe(true);
    const sent = operations.find((o) => o.operationName === 'MoveRecord')!.variables.input;
    expect(sent).toEqual({
      object: 'deal',
      id: 'b',
      stage: 'won',
      afterId: 'x',
      beforeId: null,
      expectedVersion: 3,
    });
    expect(api.board.value!.columns[1]!.records[1]!.version).toBe(4);
    expect(api.warnings.value).toEqual(['Over the limit.']);
  });

  it('puts the card back with the server’s reason and the fields a stage rule wants', async () => {
    const { api, ids } = await mountBoard(() =>
      graphQLError('To move to “won”, first fill in: Expected close.', {
        code: 'BAD_USER_INPUT',
        missingFields: ['closeDate'],
      }),
    );
    const moving = api.move({ cardId: 'a', stage: 'won', index: 0 });
    expect(ids(1)).toEqual(['a', 'x']);

    expect(await moving).toBe(false);
    expect(ids(0)).toEqual(['a', 'b']);
    expect(ids(1)).toEqual(['x']);
    expect(api.board.value!.columns[0]!.count).toBe(2);
    expect(api.refused.value?.refusal).toEqual({
      message: 'To move to “won”, first fill in: Expected close.',
      missingFields: ['closeDate'],
      conflict: false,
    });
  });

  it('retries a refused move with the version after its fields were filled', async () => {
    let calls = 0;
    const { api, operations, ids } = await mountBoard(() =>
      ++calls === 1
        ? graphQLError('Fill in Expected close.', { code: 'BAD_USER_INPUT', missingFields: ['closeDate'] })
        : { data: { moveRecord: { id: 'a', stage: 'won', rank: 'a0', version: 5, warnings: [] } } },
    );
    await api.move({ cardId: 'a', stage: 'won', index: 0 });
    expect(await api.retry(4)).toBe(true);
    const moves = operations.filter((o) => o.operationName === 'MoveRecord');
    expect(moves[1]!.variables.input).toMatchObject({
      id: 'a',
      stage: 'won',
      beforeId: 'x',
      expectedVersion: 4,
    });
    expect(ids(1)).toEqual(['a', 'x']);
    expect(api.refused.value).toBeNull();
  });

  it('shows more of a long column after its last card, and keeps them through a reload', async () => {
    const long = {
      ...board,
      columns: [{ ...board.columns[0]!, count: 3, hasMore: true }, board.columns[1]!],
    };
    const { api, operations, ids } = await mountBoard(
      () => ({ data: null }),
      long,
      () => ({
        data: { boardCards: { records: [deal('c', 50, 'lead')], hasMore: false } },
      }),
    );
    await api.showMore('lead');
    expect(ids(0)).toEqual(['a', 'b', 'c']);
    expect(api.board.value!.columns[0]!.hasMore).toBe(false);
    const asked = operations.filter((o) => o.operationName === 'BoardCards');
    expect(asked.map((o) => o.variables)).toEqual([
      { object: 'deal', pipeline: 'sales', stage: 'lead', after: 'b', search: null, first: 100 },
    ]);
    await api.load();
    expect(ids(0)).toEqual(['a', 'b', 'c']);
    expect(operations.filter((o) => o.operationName === 'BoardCards')).toHaveLength(2);
  });

  it('puts records without a stage in a first column, from which a card moves into a stage', async () => {
    const unstaged = { ...board, unstaged: { count: 1, hasMore: false, records: [deal('n', 0, '')] } };
    const { api, operations, ids } = await mountBoard(
      () => ({ data: { moveRecord: { id: 'n', stage: 'lead', rank: 'a0', version: 4, warnings: [] } } }),
      unstaged,
    );
    expect(api.board.value!.columns.map((c) => c.stage.label)).toEqual(['No stage', 'lead', 'won']);
    expect(await api.move({ cardId: 'n', stage: 'lead', index: 0 })).toBe(true);
    // Accepted, the emptied "No stage" column closes.
    expect(api.board.value!.columns.map((c) => c.stage.label)).toEqual(['lead', 'won']);
    expect(ids(0)).toEqual(['n', 'a', 'b']);
    const sent = operations.find((o) => o.operationName === 'MoveRecord')!.variables.input;
    expect(sent).toMatchObject({ id: 'n', stage: 'lead', afterId: null, beforeId: 'a' });
  });

  it('sends a second move of a card after its first, with the version the first produced', async () => {
    let version = 3;
    const { api, operations } = await mountBoard((operation) => {
      const { id, stage } = operation.variables.input as { id: string; stage: string };
      return { data: { moveRecord: { id, stage, rank: 'a0', version: ++version, warnings: [] } } };
    });
    const first = api.move({ cardId: 'a', stage: 'won', index: 0 });
    const second = api.move({ cardId: 'a', stage: 'lead', index: 0 });
    expect(await Promise.all([first, second])).toEqual([true, true]);
    const sent = operations.filter((o) => o.operationName === 'MoveRecord').map((o) => o.variables.input);
    expect(sent.map((input) => [input.stage, input.expectedVersion])).toEqual([
      ['won', 3],
      ['lead', 4],
    ]);
  });
});
