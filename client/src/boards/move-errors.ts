import { ApolloError } from '@apollo/client/core';
import { describeError } from '../forms';

export interface MoveRefusal {
  message: string;
  /** Keys of the fields a stage rule wants filled first (`extensions.missingFields`). */
  missingFields: string[];
  /** Someone else changed the card meanwhile (`CONFLICT`). */
  conflict: boolean;
}

/** Why the server refused a move, in words and, for a stage rule, the fields to fill. */
export function describeMoveRefusal(error: unknown): MoveRefusal {
  const { message } = describeError(error);
  const first = error instanceof ApolloError ? error.graphQLErrors[0] : undefined;
  const missing = first?.extensions?.missingFields;
  return {
    message,
    missingFields: Array.isArray(missing) ? missing.filter((k): k is string => typeof k === 'string') : [],
    conflict: first?.extensions?.code === 'CONFLICT',
  };
}
