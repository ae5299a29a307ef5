import { Migration } from '@mikro-orm/migrations';

/**
 * Permission profiles (per object and field rules, as JSON: they are read whole with the
 * workspace's access snapshot), a member's profile, teams and their members, USER fields that
 * grant access, and records shared with a member or a team.
 */
export class Migration20261205040000PermissionProfiles extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table permission_profile (
      id uuid primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      builtin text check (builtin in ('member', 'viewer')),
      name text not null,
      objects jsonb not null default '{}',
      default_object jsonb not null,
      fields jsonb not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (workspace_id, name),
      unique (workspace_id, builtin)
    );`);
    this.addSql(`create table member_profile (
      workspace_id uuid not null,
      user_id uuid not null,
      profile_id uuid not null references permission_profile (id) on delete cascade,
      primary key (workspace_id, user_id),
      foreign key (workspace_id, user_id) references membership (workspace_id, user_id) on delete cascade
    );`);
    this.addSql(`create table team (
      id uuid primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      name text not null,
      parent_id uuid references team (id) on delete set null,
      created_at timestamptz not null default now(),
      unique (workspace_id, name)
    );`);
    this.addSql(`create table team_member (
      team_id uuid not null references team (id) on delete cascade,
      user_id uuid not null references app_user (id) on delete cascade,
      primary key (team_id, user_id)
    );`);
    this.addSql(`create table access_granting_field (
      workspace_id uuid not null references workspace (id) on delete cascade,
      object_id uuid not null,
      field_id uuid not null,
      primary key (workspace_id, field_id)
    );`);
    this.addSql(`create table record_share (
      id uuid primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      object_id uuid not null,
      record_id uuid not null,
      user_id uuid references app_user (id) on delete cascade,
      team_id uuid references team (id) on delete cascade,
      level text not null check (level in ('read', 'edit')),
      created_by uuid,
      created_at timestamptz not null default now(),
      check ((user_id is null) <> (team_id is null))
    );`);
    this.addSql(
      'create unique index record_share_target_idx on record_share (record_id, coalesce(user_id, team_id));',
    );
    this.addSql('create index record_share_user_idx on record_share (object_id, user_id, record_id);');
    this.addSql('create index record_share_team_idx on record_share (object_id, team_id, record_id);');
  }

  override async down(): Promise<void> {
    this.addSql('drop table record_share;');
    this.addSql('drop table access_granting_field;');
    this.addSql('drop table team_member;');
    this.addSql('drop table team;');
    this.addSql('drop table member_profile;');
    this.addSql('drop table permission_profile;');
  }
}
