import type { EntityManager } from '@mikro-orm/postgresql';
import { addNotifications, announce, labelAsSeen, membersAmong, readLabels } from '../activities/index.js';
import { qualified, quote, type WorkspaceMetadata } from '../metadata/index.js';
import type { EventBus } from '../platform/index.js';
import type { RecordAccessViews } from '../records/index.js';
import type { ResolvedDefinition } from './check.js';
import type { MatchRow } from './compile.js';

/** A pair matching for the first time: the notify job's payload. */
export interface NewMatch extends MatchRow {
  workspaceId: string;
  definitionKey: string;
}

interface NotifyDeps {
  em: EntityManager;
  events: EventBus;
  recordAccess: RecordAccessViews;
}

/**
 * Tells the members in the seeker's notify fields (its owner, its agent) who may read the
 * seeker: one MATCH entry on the seeker's record, deduplicated by the pair, so a job run
 * again adds nothing.
 */
export async function notifyNewMatch(
  deps: NotifyDeps,
  metadata: WorkspaceMetadata,
  resolved: ResolvedDefinition,
  match: NewMatch,
): Promise<void> {
  if (!resolved.notify.length) return;
  const { em } = deps;
  const [row] = await em.execute<Record<string, string | null>[]>(
    `select ${resolved.notify.map((f, i) => `${quote(f.column!)} as u${i}`).join(', ')}
     from ${qualified(metadata.schema, resolved.seeker.table)} where id = ? and deleted_at is null`,
    [match.seeker_id],
  );
  if (!row) return;
  const named = [...new Set(Object.values(row).filter((id): id is string => !!id))];
  const members = await membersAmong(em, match.workspaceId, named);
  const views = await deps.recordAccess.readersOf(
    em,
    { workspaceId: match.workspaceId, metadata, object: resolved.seeker, recordId: match.seeker_id },
    named.filter((id) => members.has(id)),
  );
  const seekerLabel =
    (await readLabels(em, metadata, resolved.seeker, [match.seeker_id])).get(match.seeker_id) ?? '';
  const candidateLabel =
    (await readLabels(em, metadata, resolved.candidate, [match.candidate_id])).get(match.candidate_id) ?? '';
  const entries = [...views].flatMap(([userId, viewer]) =>
    viewer
      ? [
          {
            workspaceId: match.workspaceId,
            userId,
            kind: 'MATCH' as const,
            objectId: resolved.seeker.id,
            recordId: match.seeker_id,
            label: viewer.scope ? labelAsSeen(seekerLabel, resolved.seeker, viewer) : seekerLabel,
            dueAt: null,
            late: false,
            dedupeKey: `match:${match.definitionKey}:${match.seeker_id}:${match.candidate_id}`,
            excerpt: `${candidateLabel} (${match.score}%)`,
          },
        ]
      : [],
  );
  const added = await addNotifications(em, entries);
  await announce(deps.events, added);
}
