import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  getNamedType,
  getNullableType,
  getOperationAST,
  isLeafType,
  isListType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLError,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
} from 'graphql';
// The CommonJS build: it loads the same `graphql` as this server (its ES build loads graphql's
// .mjs files, a second copy whose types graphql-js refuses as "from another realm").
import { getComplexity, type ComplexityEstimatorArgs } from 'graphql-query-complexity/cjs';
import {
  argumentPathOfVariable,
  BadInput,
  literalTooDeepAt,
  QueryTooComplex,
  tooDeepAt,
  type QueryLimits,
} from '../platform/index.js';
import { defaultPageSize, maxPageSize } from '../records/index.js';

/** Bounds on one operation's text, shared by HTTP and WebSocket (checked without variables). */
export const operationLimits = {
  maxDepth: 12,
  maxAliases: 20,
  maxDirectives: 50,
  maxTokens: 5_000,
} as const;

export function createArmor(development: boolean) {
  return new ApolloArmor({
    maxDepth: { n: operationLimits.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: operationLimits.maxAliases },
    // Armor's cost counts only a literal `first`; the cost is checked below, with the variables.
    costLimit: { enabled: false },
    maxDirectives: { n: operationLimits.maxDirectives },
    // Armor's token check runs as an Apollo plugin that turns every syntax error into a 500;
    // the parser enforces the limit instead (`parseOptions` below, and in graphql-ws).
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: !development },
  }).protect();
}

/** For Apollo's parser: too many tokens is then a 400 GRAPHQL_PARSE_FAILED like any syntax error. */
export const parseOptions = { maxTokens: operationLimits.maxTokens } as const;

/**
 * The cost model (docs/api.md, "Errors and limits"): a value read costs nothing more than the
 * object holding it, an object costs 1, and a list multiplies its items' cost by its size:
 * `first` where the field takes it (its default when not given), else the length of a list
 * argument (`createCompanies(inputs:)`), else `assumedListSize`. A connection's `nodes` and
 * `edges` are the page its field already counted. Introspection is counted the same way.
 */
export const costModel = { assumedListSize: 10 } as const;

const introspectionRoots = new Set(['__schema', '__type']);

function listSize(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number {
  if (field.args.some((arg) => arg.name === 'first')) {
    const first = args.first;
    // Past the records maximum the resolver refuses `first` itself, with a clearer error.
    return typeof first === 'number' && first > 0 ? Math.min(first, maxPageSize) : defaultPageSize;
  }
  if (!isListType(getNullableType(field.type))) return 1;
  const lengths = Object.values(args).flatMap((value) => (Array.isArray(value) ? [value.length] : []));
  return lengths.length ? Math.max(...lengths) : costModel.assumedListSize;
}

function estimateField({ field, args, childComplexity }: ComplexityEstimatorArgs): number {
  // Introspection is costed like the rest: its types nest in cycles (`fields { type { fields … } }`).
  if (field.name === '__typename') return 0;
  const fixed = field.extensions?.complexity;
  if (typeof fixed === 'number') return fixed + childComplexity;
  if (isLeafType(getNamedType(field.type))) return 0;
  return listSize(field, args) * (1 + childComplexity);
}

/** Whether `estimateField` can read the argument `name` of `field` (it mirrors the estimator). */
function argumentCounts(field: GraphQLField<unknown, unknown>, name: string): boolean {
  if (field.name === '__typename' || typeof field.extensions?.complexity === 'number') return false;
  if (isLeafType(getNamedType(field.type))) return false;
  if (field.args.some((arg) => arg.name === 'first')) return name === 'first';
  return isListType(getNullableType(field.type));
}

function variablesIn(value: ValueNode, into: Set<string>): void {
  if (value.kind === Kind.VARIABLE) into.add(value.name.value);
  else if (value.kind === Kind.LIST) for (const item of value.values) variablesIn(item, into);
  else if (value.kind === Kind.OBJECT) for (const field of value.fields) variablesIn(field.value, into);
}

/**
 * The variables whose values can change the document's cost: those in a counted argument
 * (`first`, a list field's arguments) and in directives (`@skip`, `@include`). The others —
 * a filter, a cursor — change nothing but whether they coerce.
 */
function costVariables(schema: GraphQLSchema, document: DocumentNode): string[] {
  const found = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const field = typeInfo.getDirective() ? null : typeInfo.getFieldDef();
        if (!field || argumentCounts(field, node.name.value)) variablesIn(node.value, found);
      },
    }),
  );
  return [...found].sort();
}

/**
 * Costs already computed, by schema and document (Apollo keeps one parsed document per query
 * text), then by operation name and the values of the variables that can change the cost.
 * Only costs within the limit are kept: a hit then answers exactly as a new walk would, even
 * when some other variable is bad (the walk gives no cost then, and execution refuses it).
 */
interface DocumentCosts {
  variables: string[];
  costs: Map<string, number>;
}
const costCache = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, DocumentCosts | null>>();
/** Distinct cost-relevant variable values kept per document. */
const costsPerDocument = 64;

/**
 * The document's costs, or null the first time it is seen: a document parsed for one use
 * (graphql-ws parses each operation) then costs no extra walk for its variables.
 */
function documentCosts(schema: GraphQLSchema, document: DocumentNode): DocumentCosts | null {
  let bySchema = costCache.get(schema);
  if (!bySchema) costCache.set(schema, (bySchema = new WeakMap()));
  const entry = bySchema.get(document);
  if (entry === undefined) {
    bySchema.set(document, null);
    return null;
  }
  if (entry) return entry;
  const made = { variables: costVariables(schema, document), costs: new Map<string, number>() };
  bySchema.set(document, made);
  return made;
}

/** The cache key: absent, undefined and present values kept apart (JSON would merge them). */
function costKey(
  operationName: string | undefined,
  names: string[],
  values: Record<string, unknown>,
): string {
  const parts = names.map((name) =>
    !Object.hasOwn(values, name) ? 0 : values[name] === undefined ? 1 : [values[name]],
  );
  return JSON.stringify([operationName ?? null, parts]);
}

/** `__schema`/`__type` fields at the operation's root, fragments on the root type included. */
function introspectionFields(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d]] : [])),
  );
  const seen = new Set<string>();
  const pending = [...operation.selectionSet.selections];
  let count = 0;
  while (pending.length) {
    const selection = pending.pop()!;
    if (selection.kind === Kind.FIELD) {
      if (introspectionRoots.has(selection.name.value)) count++;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      pending.push(...selection.selectionSet.selections);
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      pending.push(...(fragments.get(selection.name.value)?.selectionSet.selections ?? []));
    }
  }
  return count;
}

/** The first argument literal of the document nested deeper than `maxDepth`, as a path; or null. */
function literalTooDeep(document: DocumentNode, maxDepth: number): string[] | null {
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION && definition.kind !== Kind.FRAGMENT_DEFINITION)
      continue;
    const pending = [...definition.selectionSet.selections];
    while (pending.length) {
      const selection = pending.pop()!;
      if (selection.kind === Kind.FRAGMENT_SPREAD) continue;
      if (selection.kind === Kind.FIELD) {
        for (const argument of selection.arguments ?? []) {
          const at = literalTooDeepAt(argument.value, maxDepth);
          if (at) return [argument.name.value, ...at];
        }
      }
      pending.push(...(selection.selectionSet?.selections ?? []));
    }
  }
  return null;
}

/** What the guard finds in a document and operation whatever the variables: kept per document. */
interface DocumentChecks {
  maxDepth: number;
  literalTooDeep: string[] | null;
  introspection: number;
}
const documentChecks = new WeakMap<DocumentNode, Map<OperationDefinitionNode, DocumentChecks>>();

function checksOf(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  maxDepth: number,
): DocumentChecks {
  let byOperation = documentChecks.get(document);
  if (!byOperation) documentChecks.set(document, (byOperation = new Map()));
  let checks = byOperation.get(operation);
  if (checks?.maxDepth !== maxDepth) {
    checks = {
      maxDepth,
      literalTooDeep: literalTooDeep(document, maxDepth),
      introspection: introspectionFields(document, operation),
    };
    byOperation.set(operation, checks);
  }
  return checks;
}

function checkInputDepth(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  maxDepth: number,
  literalPath: string[] | null,
): void {
  const refuse = (path: string[]): never => {
    throw new BadInput(path, `${path[0]}: nested deeper than ${maxDepth} levels.`);
  };
  // Literals first: the variable's path is then looked up in a document of bounded depth.
  if (literalPath) refuse(literalPath);
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const at = tooDeepAt(variables[name], maxDepth);
    if (at) refuse([...argumentPathOfVariable(document, name), ...at]);
  }
}

export interface OperationToCheck {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

export type OperationGuard = (operation: OperationToCheck) => GraphQLError | null;

/**
 * What needs the variables' values, checked after validation and before graphql-js coerces
 * the variables: how deep the input nests, introspection fields, and the cost.
 */
export function createOperationGuard(limits: QueryLimits): OperationGuard {
  return ({ schema, document, operationName, variables }) => {
    const operation = getOperationAST(document, operationName ?? undefined);
    if (!operation) return null; // graphql-js answers that itself
    const values = variables ?? {};
    try {
      const checks = checksOf(document, operation, limits.maxInputDepth);
      checkInputDepth(document, operation, values, limits.maxInputDepth, checks.literalTooDeep);
      const introspection = checks.introspection;
      if (introspection > limits.maxIntrospection)
        throw new QueryTooComplex(
          `An operation may ask for __schema or __type at most ${limits.maxIntrospection} time(s).`,
          { introspectionFields: introspection, maxIntrospection: limits.maxIntrospection },
        );
      const cached = documentCosts(schema, document);
      const key = cached ? costKey(operation.name?.value, cached.variables, values) : '';
      const known = cached?.costs.get(key);
      if (known !== undefined && known <= limits.maxCost) return null;
      const cost = costOf(schema, document, operation, values);
      if (cost === null) return null; // a bad variable: execution refuses it with its path
      if (cached && cost <= limits.maxCost) {
        if (cached.costs.size >= costsPerDocument) cached.costs.clear();
        cached.costs.set(key, cost);
      }
      if (cost > limits.maxCost)
        throw new QueryTooComplex(`This operation costs ${cost}; the limit is ${limits.maxCost}.`, {
          cost,
          maxCost: limits.maxCost,
        });
      return null;
    } catch (error) {
      if (error instanceof BadInput || error instanceof QueryTooComplex) return error;
      throw error;
    }
  };
}

function costOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number | null {
  try {
    return getComplexity({
      schema,
      query: document,
      variables,
      operationName: operation.name?.value,
      estimators: [estimateField],
    });
  } catch (error) {
    // The library's node limit (10,000 selections) is a cost refusal like any other.
    if (error instanceof Error && /maximum allowed number of nodes/.test(error.message))
      throw new QueryTooComplex('This operation selects too many fields.');
    return null;
  }
}

/** The guard as an Apollo plugin: refused operations answer 400 and never execute. */
export function operationGuardPlugin<TContext extends BaseContext>(
  guard: OperationGuard,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(request) {
          const refusal = guard({
            schema: request.schema,
            document: request.document,
            operationName: request.operationName,
            variables: request.request.variables,
          });
          if (!refusal) return;
          request.response.http.status = 400;
          throw refusal;
        },
      };
    },
  };
}
