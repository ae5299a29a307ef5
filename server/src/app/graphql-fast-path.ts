import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  execute,
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import Negotiator from 'negotiator';
import type { RequestContext } from '../identity/index.js';
import { findInvalidVariable, setBounded } from '../platform/index.js';
import { takeChangeCursor } from '../realtime/index.js';
import { parseOptions, type OperationGuard } from './protection.js';

export interface FastPathOptions {
  validationRules: readonly ValidationRule[];
  guard: OperationGuard;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  development: boolean;
}

interface Known {
  document: DocumentNode;
  operation: OperationDefinitionNode;
}

/** Documents kept per schema (a schema lives as long as its workspace's metadata version). */
const perSchema = 500;
const jsonType = 'application/json; charset=utf-8';
const graphqlResponseType = 'application/graphql-response+json; charset=utf-8';
/** graphql-armor's field-suggestion mask, applied as its Apollo plugin applies it. */
const suggestion = /Did you mean ".+"/g;

/**
 * The everyday request, a valid query or mutation POSTed as JSON, executed with graphql-js
 * directly: Apollo's request pipeline (a SHA-256 of the query for its document cache, a
 * request context and nine plugin dispatches, result ordering) was a tenth of a page
 * request's CPU. It runs the same checks in the same order: the same parse limits and
 * validation rules (once per document and schema), the cost and input guard, the text
 * check of variables, the change cursor's snapshot, and answers with the same status,
 * content type and error formatting. Anything else — a document that does not parse or
 * validate, a refused operation, variables graphql-js refuses, an unusual Accept header,
 * extensions — is left to Apollo (returns false before any resolver ran), which answers it.
 */
export function createFastPath(options: FastPathOptions) {
  const rules = [...specifiedRules, ...options.validationRules];
  const known = new WeakMap<GraphQLSchema, Map<string, Known | null>>();

  const lookup = (schema: GraphQLSchema, query: string, operationName: string | undefined) => {
    let documents = known.get(schema);
    if (!documents) known.set(schema, (documents = new Map()));
    const key = operationName === undefined ? query : `${operationName}\n${query}`;
    let entry = documents.get(key);
    if (entry === undefined) {
      entry = compile(schema, query, operationName);
      setBounded(documents, key, entry, perSchema);
    }
    return entry;
  };

  const compile = (schema: GraphQLSchema, query: string, operationName: string | undefined) => {
    let document: DocumentNode;
    try {
      document = parse(query, parseOptions);
    } catch {
      return null;
    }
    if (validate(schema, document, rules).length) return null;
    const operation = getOperationAST(document, operationName);
    if (!operation || operation.operation === 'subscription') return null;
    return { document, operation };
  };

  const formatErrors = (errors: readonly GraphQLError[]) => {
    let status = 200;
    const formatted = errors.map((error) => {
      const extensions: Record<string, unknown> = {
        ...error.extensions,
        code: error.extensions.code ?? 'INTERNAL_SERVER_ERROR',
      };
      const http = extensions.http as { status?: number } | undefined;
      if (http) {
        if (http.status) status = http.status;
        delete extensions.http;
      }
      if (options.development)
        extensions.stacktrace = (error.originalError?.stack ?? error.stack)?.split('\n');
      if (!options.development) error.message = error.message.replace(suggestion, '[Suggestion hidden]');
      try {
        return options.formatError({ ...error.toJSON(), extensions }, error);
      } catch {
        return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
      }
    });
    return { status, formatted };
  };

  /** Answers the request and returns true, or returns false having run nothing. */
  return async function tryServe(
    schema: GraphQLSchema,
    req: IncomingMessage,
    res: ServerResponse,
    body: unknown,
    context: RequestContext,
  ): Promise<boolean> {
    const request = plainRequest(body);
    const type = request && responseType(req.headers.accept);
    if (!request || !type) return false;
    const entry = lookup(schema, request.query, request.operationName);
    if (!entry) return false;
    const { document, operation } = entry;
    const { variables, operationName } = request;
    if (options.guard({ schema, document, operationName, variables })) return false;
    if (findInvalidVariable(variables)) return false;
    await takeChangeCursor(operation, context);
    const result = await execute({
      schema,
      document,
      contextValue: context,
      variableValues: variables,
      operationName,
    });
    // Refused variables: nothing ran; Apollo answers them (400 and its wording).
    if (!('data' in result) || result.data === undefined) return false;
    const answer: { errors?: GraphQLFormattedError[]; data: unknown } = { data: result.data };
    let status = 200;
    if (result.errors?.length) {
      const errors = formatErrors(result.errors);
      status = errors.status;
      answer.errors = errors.formatted;
    }
    const text = JSON.stringify({ errors: answer.errors, data: answer.data });
    res.statusCode = status;
    res.setHeader('content-type', type);
    res.setHeader('content-length', Buffer.byteLength(text));
    if (context.responseCookies.length) res.setHeader('set-cookie', context.responseCookies);
    res.end(text);
    return true;
  };
}

interface PlainRequest {
  query: string;
  operationName: string | undefined;
  variables: Record<string, unknown> | undefined;
}

/** A POST body as Apollo reads it, when nothing in it needs Apollo's own handling. */
function plainRequest(body: unknown): PlainRequest | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const { query, operationName, variables, extensions, ...rest } = body as Record<string, unknown>;
  if (typeof query !== 'string' || !query || Object.keys(rest).length) return undefined;
  if (extensions !== undefined && extensions !== null) return undefined;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string')
    return undefined;
  if (variables !== undefined && variables !== null && !isRecord(variables)) return undefined;
  return {
    query,
    operationName: operationName ?? undefined,
    variables: (variables as Record<string, unknown> | null) ?? undefined,
  };
}

function isRecord(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Accept headers seen, and what they negotiate: a client sends the same one every time. */
const negotiated = new Map<string, string | undefined>();
const negotiatedCapacity = 100;

/** The content type Apollo would answer with, or undefined where it would refuse (406). */
function responseType(accept: string | undefined): string | undefined {
  if (accept === undefined) return jsonType;
  if (negotiated.has(accept)) return negotiated.get(accept);
  const type = new Negotiator({ headers: { accept } }).mediaType([jsonType, graphqlResponseType]);
  setBounded(negotiated, accept, type, negotiatedCapacity);
  return type;
}
