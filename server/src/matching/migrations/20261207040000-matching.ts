import { Migration } from '@mikro-orm/migrations';

const kindsBefore = `'REMINDER', 'MENTION', 'COMMENT', 'ASSIGNMENT', 'AUTOMATION'`;
const kindsAfter = `${kindsBefore}, 'MATCH'`;

/**
 * Matching: definitions (a template's `matching:` section, JSON checked by matching/definition.ts),
 * the pairs that match now (so a change can tell which pairs are new, gone or re-scored), and
 * the MATCH notification kind (a new pair tells the seeker's agents, once).
 */
export class Migration20261207040000Matching extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table match_definition (
      id uuid primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      key text not null,
      definition jsonb not null,
      updated_at timestamptz not null default now(),
      unique (workspace_id, key)
    );`);
    // One row per pair ever matched: \`active\` while it matches, \`notified_at\` once its agents heard.
    this.addSql(`create table match_pair (
      workspace_id uuid not null references workspace (id) on delete cascade,
      definition_key text not null,
      seeker_id uuid not null,
      candidate_id uuid not null,
      score int not null,
      matched text[] not null,
      active boolean not null,
      notified_at timestamptz,
      updated_at timestamptz not null default now(),
      primary key (workspace_id, definition_key, seeker_id, candidate_id)
    );`);
    this.addSql(
      'create index match_pair_candidate on match_pair (workspace_id, definition_key, candidate_id) where active;',
    );
    this.widen(kindsAfter);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from notification where kind = 'MATCH';`);
    this.addSql(`delete from notification_setting where kind = 'MATCH';`);
    this.widen(kindsBefore);
    this.addSql('drop table match_pair;');
    this.addSql('drop table match_definition;');
  }

  private widen(kinds: string): void {
    for (const table of ['notification', 'notification_setting']) {
      this.addSql(`alter table ${table} drop constraint ${table}_kind_check;`);
      this.addSql(`alter table ${table} add constraint ${table}_kind_check check (kind in (${kinds}));`);
    }
  }
}
