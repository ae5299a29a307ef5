import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLError, GraphQLFormattedError, GraphQLSchema, ValidationRule } from 'graphql';
import { metadataForView, recordScopeOf } from '../access/index.js';
import type { RequestContext } from '../identity/index.js';
import { activeObjects, type WorkspaceMetadata } from '../metadata/index.js';
import {
  invalidTextPlugin,
  invalidTextRule,
  toClientError,
  type Config,
  type Logger,
} from '../platform/index.js';
import { changeCursorPlugin } from '../realtime/index.js';
import { buildRecordsSchema, findNameConflicts, type RecordStore } from '../records/index.js';
import {
  createArmor,
  createOperationGuard,
  operationGuardPlugin,
  parseOptions,
  type OperationGuard,
} from './protection.js';
import { WorkspaceSchemas } from './workspace-schemas.js';

export interface GraphQLServers {
  schemas: WorkspaceSchemas<ApolloServer<RequestContext>>;
  validationRules: ValidationRule[];
  /** Depth of the input, introspection and cost, once the variables are known (HTTP runs it as a plugin). */
  guard: OperationGuard;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  formatErrors: (errors: readonly GraphQLError[]) => GraphQLFormattedError[];
  schemaConflicts: (metadata: WorkspaceMetadata) => string[];
}

/**
 * One Apollo Server per schema: the core alone for requests without a workspace, and
 * one per workspace and metadata version (core merged with its generated records half).
 */
export async function createGraphQLServers(
  core: GraphQLSchema,
  store: RecordStore,
  config: Config,
  logger: Logger,
): Promise<GraphQLServers> {
  const armor = createArmor(config.isDevelopment);
  const guard = createOperationGuard(config.queryLimits);
  const validationRules = [...armor.validationRules, invalidTextRule];
  const onInternal = (error: unknown) => logger.error({ err: error }, 'internal error');
  const formatError = (formatted: GraphQLFormattedError, error: unknown) =>
    toClientError(formatted, error, { development: config.isDevelopment, onInternal });

  const serve = async (schema: GraphQLSchema) => {
    const apollo = new ApolloServer<RequestContext>({
      schema,
      // graphql-armor is typed against Apollo's CommonJS build; the plugin objects are the same.
      plugins: [
        ...(armor.plugins as unknown as ApolloServerPlugin<RequestContext>[]),
        operationGuardPlugin<RequestContext>(guard),
        invalidTextPlugin<RequestContext>(),
        changeCursorPlugin<RequestContext>(),
        ApolloServerPluginLandingPageDisabled(),
        // Answers are private to a member and never HTTP-cached; Apollo's default cache-control
        // plugin would still wrap every field's resolver to compute a policy nobody reads.
        ApolloServerPluginCacheControlDisabled(),
      ],
      validationRules,
      parseOptions,
      allowBatchedHttpRequests: false,
      includeStacktraceInErrorResponses: config.isDevelopment,
      formatError,
      introspection: true,
      csrfPrevention: true,
      // Apollo would stop itself on SIGTERM before in-flight requests drain; the server stops it last.
      stopOnTerminationSignals: false,
    });
    await apollo.start();
    return apollo;
  };

  return {
    schemas: new WorkspaceSchemas({
      core: { key: 'core', schema: core, server: await serve(core) },
      build: (metadata, access, view) =>
        buildRecordsSchema(core, metadataForView(access, metadata, view), store, {
          scopeOf: (userId, role) => recordScopeOf(access, userId, role),
          storeMetadata: metadata,
        }),
      serve,
      stop: (apollo) => apollo.stop(),
    }),
    validationRules,
    guard,
    formatError,
    formatErrors: (errors) => errors.map((error) => formatError(error.toJSON(), error)),
    schemaConflicts: (metadata) => findNameConflicts(core, activeObjects(metadata)),
  };
}
