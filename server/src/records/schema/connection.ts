import { GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString } from 'graphql';
import type { RecordConnection } from '../api.js';
import type { ObjectNames } from './names.js';
import type { SharedTypes } from './shared-types.js';

const pageItems = { complexity: 0 };

const nonNullList = (type: GraphQLObjectType) =>
  new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(type)));

/** `PropertyConnection { edges { cursor node } nodes pageInfo totalCount }`; the count runs only when asked. */
export function buildConnection(
  names: ObjectNames,
  record: GraphQLObjectType,
  shared: SharedTypes,
): GraphQLObjectType {
  const edge = new GraphQLObjectType({
    name: names.types.edge,
    fields: {
      cursor: { type: new GraphQLNonNull(GraphQLString) },
      node: { type: new GraphQLNonNull(record) },
    },
  });
  return new GraphQLObjectType<RecordConnection>({
    name: names.types.connection,
    fields: {
      // The page's size is counted once, on the list field's `first` (app/protection.ts).
      edges: { type: nonNullList(edge), extensions: pageItems },
      nodes: { type: nonNullList(record), extensions: pageItems },
      pageInfo: { type: new GraphQLNonNull(shared.pageInfo) },
      totalCount: {
        type: new GraphQLNonNull(GraphQLInt),
        description: 'Records matching the filter and search, on every page.',
        resolve: (connection) => connection.totalCount(),
      },
    },
  });
}
