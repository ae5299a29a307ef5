import { ApolloError } from '@apollo/client/core';
import { describe, expect, it } from 'vitest';
import { describeMoveRefusal } from './move-errors';
import { peopleOnBoard } from './use-board-presence';

describe('describeMoveRefusal', () => {
  it('reads the missing fields of a stage rule', () => {
    const error = new ApolloError({
      graphQLErrors: [
        {
          message: 'To move to “Sea Trial”, first fill in: Sea trial.',
          extensions: { code: 'BAD_USER_INPUT', stage: 'seaTrial', missingFields: ['seaTrial'] },
        },
      ],
    });
    expect(describeMoveRefusal(error)).toEqual({
      message: 'To move to “Sea Trial”, first fill in: Sea trial.',
      missingFields: ['seaTrial'],
      conflict: false,
    });
  });

  it('tells a conflict from other refusals', () => {
    const error = new ApolloError({
      graphQLErrors: [{ message: 'Changed meanwhile', extensions: { code: 'CONFLICT' } }],
    });
    expect(describeMoveRefusal(error)).toMatchObject({ missingFields: [], conflict: true });
  });
});

describe('peopleOnBoard', () => {
  const ann = { id: 'u1', name: 'Ann', color: '#000' };
  const bob = { id: 'u2', name: 'Bob', color: '#111' };

  it('lists each other person once, preferring the tab that drags a card', () => {
    const states = new Map<number, Record<string, unknown>>([
      [1, { user: ann }],
      [2, { user: bob, dragging: null }],
      [3, { user: bob, dragging: 'card-9' }],
      [4, {}],
    ]);
    expect(peopleOnBoard(states, 1, 'u1')).toEqual([{ clientId: 3, user: bob, dragging: 'card-9' }]);
  });
});
