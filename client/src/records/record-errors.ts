import { ApolloError } from '@apollo/client/core';
import { describeError } from '../forms';

export interface RecordError {
  message: string;
  /** The field key the server named (`argumentPath` `["input","price","currency"]` → `price`). */
  field: string | null;
}

/** A refused record write as a message placed next to the field that caused it. */
export function describeRecordError(error: unknown): RecordError {
  const { message } = describeError(error);
  if (!(error instanceof ApolloError)) return { message, field: null };
  const path = error.graphQLErrors[0]?.extensions?.argumentPath;
  if (!Array.isArray(path)) return { message, field: null };
  const at = path.indexOf('input');
  const field = at >= 0 && typeof path[at + 1] === 'string' ? (path[at + 1] as string) : null;
  return { message, field };
}
