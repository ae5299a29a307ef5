import { ApolloError } from '@apollo/client/core';
import type { GraphQLFormattedError } from 'graphql';

export interface DescribedError {
  message: string;
  /** The server's `extensions.code` (CONFLICT, BAD_USER_INPUT…), for forms that offer a way out. */
  code?: string;
  /** Messages keyed by input name, from the server's `extensions.field` or `extensions.fields`. */
  fields: Record<string, string>;
  /** The server's `extensions.argumentPath` (rules.0.recipients), for forms with repeated inputs. */
  argumentPath?: string[];
}

const unreachable = 'The server cannot be reached. Check your connection and try again.';
const unexpected = 'Something went wrong. Please try again.';

/** Turns whatever a mutation threw into a message a person can act on. */
export function describeError(error: unknown): DescribedError {
  if (!(error instanceof ApolloError)) return { message: unexpected, fields: {} };
  const first = error.graphQLErrors[0] ?? rejectedByStatus(error)[0];
  if (first) {
    const code = first.extensions?.code;
    return {
      message: first.message,
      fields: fieldMessages(first),
      ...argumentPathOf(first),
      ...(typeof code === 'string' ? { code } : {}),
    };
  }
  return { message: error.networkError ? unreachable : unexpected, fields: {} };
}

/** A 4xx answer (graphql-response+json) arrives as a network error with the GraphQL errors in its body. */
function rejectedByStatus(error: ApolloError): readonly GraphQLFormattedError[] {
  const body = (error.networkError as { result?: { errors?: unknown } } | null)?.result;
  return Array.isArray(body?.errors) ? (body.errors as GraphQLFormattedError[]) : [];
}

function fieldMessages(error: GraphQLFormattedError): Record<string, string> {
  const { field, fields } = error.extensions ?? {};
  if (Array.isArray(fields)) {
    const entries = fields
      .filter((f): f is { field: string; message: string } => typeof f?.field === 'string')
      .map((f) => [f.field, sentence(String(f.message ?? error.message))]);
    return Object.fromEntries(entries);
  }
  return typeof field === 'string' ? { [field]: error.message } : {};
}

function argumentPathOf(error: GraphQLFormattedError): { argumentPath?: string[] } {
  const path = error.extensions?.argumentPath;
  return Array.isArray(path) ? { argumentPath: path.map(String) } : {};
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
