import type { ApolloClient } from '@apollo/client/core';
import { ME_QUERY } from '../../auth';
import type { ObjectDef } from '../../metadata';
import { MEMBERS_QUERY } from '../../workspaces';
import type { Linked } from '../field-values';
import { labelsDocument } from '../record-documents';
import type { LabelBook, MissingLabels } from './merge-change';

/**
 * Names the members and related records a pushed change mentions that the view does not
 * know yet: related records in one batched query of their names (never the whole row),
 * members from the workspace's member list (read once, then from Apollo's cache).
 */
export async function resolveLabels(
  client: ApolloClient<unknown>,
  missing: MissingLabels,
  labels: LabelBook,
): Promise<void> {
  const targets = [...missing.records];
  await Promise.all([
    missing.members.length ? resolveMembers(client, missing.members, labels) : null,
    targets.length ? resolveRecords(client, targets, labels) : null,
  ]);
}

async function resolveMembers(
  client: ApolloClient<unknown>,
  ids: readonly string[],
  labels: LabelBook,
): Promise<void> {
  // Oneself (the writer of one's own changes) and a member list already read cost no request.
  const me = client.readQuery({ query: ME_QUERY })?.me?.user;
  if (me) labels.learnMember({ id: me.id, name: me.name });
  const cached = client.readQuery({ query: MEMBERS_QUERY })?.members ?? [];
  for (const member of cached) labels.learnMember({ id: member.user.id, name: member.user.name });
  if (ids.every((id) => labels.member(id))) return;
  const { data } = await client.query({ query: MEMBERS_QUERY });
  for (const member of data.members) labels.learnMember({ id: member.user.id, name: member.user.name });
}

async function resolveRecords(
  client: ApolloClient<unknown>,
  targets: [ObjectDef, string[]][],
  labels: LabelBook,
): Promise<void> {
  const variables = Object.fromEntries(targets.map(([, ids], i) => [`ids${i}`, ids.slice(0, 500)]));
  const { data } = await client.query<Record<string, { nodes: Linked[] }>>({
    query: labelsDocument(targets.map(([target]) => target)),
    variables,
    fetchPolicy: 'network-only',
  });
  targets.forEach(([target], i) => data[`o${i}`]?.nodes.forEach((node) => labels.learnRecord(target, node)));
}
