import { ApolloError } from '@apollo/client/core';
import type { GraphQLFormattedError } from 'graphql';
import { i18n } from '../i18n';

export interface DescribedError {
  message: string;
  /** The server's `extensions.code` (CONFLICT, BAD_USER_INPUT…), for forms that offer a way out. */
  code?: string;
  /** Messages keyed by input name, from the server's `extensions.field` or `extensions.fields`. */
  fields: Record<string, string>;
  /** The server's `extensions.argumentPath` (rules.0.recipients), for forms with repeated inputs. */
  argumentPath?: string[];
}

/** Turns whatever a mutation threw into a message a person can act on, in their language. */
export function describeError(error: unknown): DescribedError {
  const { t } = i18n.global;
  if (!(error instanceof ApolloError)) return { message: t('common.errors.unknown'), fields: {} };
  const first = error.graphQLErrors[0] ?? rejectedByStatus(error)[0];
  if (first) {
    const code = first.extensions?.code;
    return {
      message: translated(first),
      fields: fieldMessages(first),
      ...argumentPathOf(first),
      ...(typeof code === 'string' ? { code } : {}),
    };
  }
  return { message: t(error.networkError ? 'common.errors.network' : 'common.errors.unknown'), fields: {} };
}

/**
 * The server words its errors in English and adds a stable `reason` with its `params`
 * (`value.required`, `value.tooLong` { max }) where a person meets them; in another language the
 * client words those itself (serverErrors.ts), and any other error as its code's sentence with
 * the server's detail after it. In English the server's own sentence is shown.
 */
function translated(error: { message: string; extensions?: Record<string, unknown> }): string {
  const { t, te, locale } = i18n.global;
  const { reason, params, code } = error.extensions ?? {};
  if (locale.value === 'en') return error.message;
  if (typeof reason === 'string' && te(`serverErrors.${reason}`, 'en'))
    return t(`serverErrors.${reason}`, (params ?? {}) as Record<string, unknown>);
  if (typeof code !== 'string' || !te(`common.errors.${code}`, 'en')) return error.message;
  return `${t(`common.errors.${code}`)} — ${error.message}`;
}

/** A 4xx answer (graphql-response+json) arrives as a network error with the GraphQL errors in its body. */
function rejectedByStatus(error: ApolloError): readonly GraphQLFormattedError[] {
  const body = (error.networkError as { result?: { errors?: unknown } } | null)?.result;
  return Array.isArray(body?.errors) ? (body.errors as GraphQLFormattedError[]) : [];
}

interface FieldIssue {
  field: string;
  message?: string;
  reason?: string;
  params?: Record<string, unknown>;
}

function fieldMessages(error: GraphQLFormattedError): Record<string, string> {
  const { field, fields } = error.extensions ?? {};
  if (Array.isArray(fields)) {
    const entries = fields
      .filter((f): f is FieldIssue => typeof f?.field === 'string')
      .map((f) => {
        const extensions = { code: error.extensions?.code, reason: f.reason, params: f.params };
        return [f.field, sentence(translated({ message: String(f.message ?? error.message), extensions }))];
      });
    return Object.fromEntries(entries);
  }
  return typeof field === 'string' ? { [field]: translated(error) } : {};
}

function argumentPathOf(error: GraphQLFormattedError): { argumentPath?: string[] } {
  const path = error.extensions?.argumentPath;
  return Array.isArray(path) ? { argumentPath: path.map(String) } : {};
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
