import { qualified } from '../metadata/index.js';

/**
 * When each record entered and left each stage: stage history and time in stage. Created
 * in every new workspace schema (a workspace schema part the app registers); written by
 * stage-hooks.ts, read by history.ts.
 */
export function createStageHistorySql(schema: string): string[] {
  return [
    `create table if not exists ${qualified(schema, 'stage_history')} (
      id bigserial primary key,
      object_id uuid not null,
      record_id uuid not null,
      field_id uuid not null,
      stage text not null,
      entered_at timestamptz not null default now(),
      left_at timestamptz,
      actor_id uuid
    )`,
    `create index if not exists stage_history_record_idx on ${qualified(schema, 'stage_history')} (record_id, field_id, entered_at)`,
  ];
}
