import type { ApolloClient, NormalizedCacheObject } from '@apollo/client/core';
import type { ObjectDef } from '../metadata';
import type { Linked } from './field-values';
import { searchDocument } from './record-documents';

/** Records of one object whose name matches `text` (the list query's `search`), for pickers. */
export async function searchRecords(
  client: ApolloClient<NormalizedCacheObject>,
  object: ObjectDef,
  text: string,
  first = 8,
): Promise<Linked[]> {
  const { data } = await client.query<{ o0: { nodes: Linked[] } }>({
    query: searchDocument([object], first),
    variables: { search: text.trim() },
    fetchPolicy: 'network-only',
  });
  return data.o0.nodes;
}
