import { ApolloArmor } from '@escape.tech/graphql-armor';

/** Bounds on one operation, shared by HTTP and WebSocket. */
export const operationLimits = {
  maxDepth: 12,
  maxAliases: 20,
  maxCost: 20_000,
  maxDirectives: 50,
  maxTokens: 5_000,
} as const;

export function createArmor(development: boolean) {
  return new ApolloArmor({
    maxDepth: { n: operationLimits.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: operationLimits.maxAliases },
    costLimit: { maxCost: operationLimits.maxCost, ignoreIntrospection: true },
    maxDirectives: { n: operationLimits.maxDirectives },
    // Armor's token check runs as an Apollo plugin that turns every syntax error into a 500;
    // the parser enforces the limit instead (`parseOptions` below, and in graphql-ws).
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: !development },
  }).protect();
}

/** For Apollo's parser: too many tokens is then a 400 GRAPHQL_PARSE_FAILED like any syntax error. */
export const parseOptions = { maxTokens: operationLimits.maxTokens } as const;
