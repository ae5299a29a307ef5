import type { EntityManager } from '@mikro-orm/postgresql';
import type { WorkspaceMetadata } from '../metadata/index.js';
import { queryRows } from '../platform/index.js';
import type { ResolvedDefinition } from './check.js';
import { compileMatches, type MatchRow } from './compile.js';

/**
 * The pairs that match now, kept in `match_pair` so a change can tell what it did: pairs new,
 * gone or re-scored (their records' pages are told) and pairs matching for the first time ever
 * (their seeker's agents hear of them, once: `notified_at` is set in the same statement).
 */

export interface PairSync {
  /** Seekers and candidates whose matches changed. */
  seekers: Set<string>;
  candidates: Set<string>;
  /** Pairs that match for the first time: to notify about. */
  firstTime: MatchRow[];
}

const pairKey = (p: { seeker_id: string; candidate_id: string }) => `${p.seeker_id}:${p.candidate_id}`;

async function matchesNow(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  resolved: ResolvedDefinition,
  ids: { seekerIds?: readonly string[]; candidateIds?: readonly string[] },
): Promise<MatchRow[]> {
  const rows: MatchRow[] = [];
  for (const selection of [{ seekerIds: ids.seekerIds }, { candidateIds: ids.candidateIds }]) {
    const list = selection.seekerIds ?? selection.candidateIds;
    if (list && !list.length) continue;
    const compiled = compileMatches(metadata, resolved, selection);
    rows.push(...(await queryRows<MatchRow>(em, compiled.sql, compiled.params)));
  }
  return [...new Map(rows.map((r) => [pairKey(r), r])).values()];
}

/**
 * Brings the pairs of these records (all records when `ids` is null) up to date. `baseline`:
 * pairs found are taken as already told (a definition installed on existing records).
 */
export async function syncPairs(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  resolved: ResolvedDefinition,
  ids: { seekerIds: readonly string[]; candidateIds: readonly string[] } | null,
  options: { baseline?: boolean } = {},
): Promise<PairSync> {
  const key = resolved.definition.key;
  const where = ids ? `and (seeker_id = any(?::uuid[]) or candidate_id = any(?::uuid[]))` : '';
  const idParams = ids ? [`{${ids.seekerIds.join(',')}}`, `{${ids.candidateIds.join(',')}}`] : [];
  const now = await matchesNow(em, metadata, resolved, ids ?? {});
  const stored = await queryRows<MatchRow>(
    em,
    `select seeker_id, candidate_id, score, matched from match_pair
     where workspace_id = ? and definition_key = ? and active ${where}`,
    [metadata.workspaceId, key, ...idParams],
  );
  const before = new Map(stored.map((r) => [pairKey(r), r]));
  const after = new Map(now.map((r) => [pairKey(r), r]));
  const changed = now.filter((r) => {
    const old = before.get(pairKey(r));
    return !old || old.score !== r.score || old.matched.join() !== r.matched.join();
  });
  const gone = stored.filter((r) => !after.has(pairKey(r)));
  const sync: PairSync = { seekers: new Set(), candidates: new Set(), firstTime: [] };
  for (const r of [...changed, ...gone]) {
    sync.seekers.add(r.seeker_id);
    sync.candidates.add(r.candidate_id);
  }
  if (gone.length)
    await queryRows(
      em,
      `update match_pair p set active = false, updated_at = now()
       from jsonb_to_recordset(?::jsonb) as g (seeker_id uuid, candidate_id uuid)
       where p.workspace_id = ? and p.definition_key = ? and p.seeker_id = g.seeker_id and p.candidate_id = g.candidate_id`,
      [
        JSON.stringify(gone.map(({ seeker_id, candidate_id }) => ({ seeker_id, candidate_id }))),
        metadata.workspaceId,
        key,
      ],
    );
  if (!changed.length) return sync;
  // `notified_at` is set once, by the statement that first activates the pair; `xmax = 0` tells
  // an inserted row from an updated one.
  const upserted = await queryRows<MatchRow & { inserted: boolean }>(
    em,
    `insert into match_pair (workspace_id, definition_key, seeker_id, candidate_id, score, matched, active, notified_at)
     select ?, ?, seeker_id, candidate_id, score, matched, true, now()
     from jsonb_to_recordset(?::jsonb) as n (seeker_id uuid, candidate_id uuid, score int, matched text[])
     on conflict (workspace_id, definition_key, seeker_id, candidate_id) do update
       set score = excluded.score, matched = excluded.matched, active = true, updated_at = now()
     returning seeker_id, candidate_id, score, matched, (xmax = 0) as inserted`,
    [metadata.workspaceId, key, JSON.stringify(changed)],
  );
  if (!options.baseline)
    sync.firstTime = upserted.filter((r) => r.inserted).map(({ inserted: _, ...r }) => r);
  return sync;
}
