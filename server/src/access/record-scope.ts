import type { Role } from '../identity/index.js';
import { quote, type ObjectDef } from '../metadata/index.js';
import { pgArrayLiteral, type RecordScope, type ScopedAction, type Sql } from '../records/index.js';
import { isUnrestricted, ruleFor, type Profile, type Scope } from './model.js';
import type { AccessSnapshot } from './snapshot.js';

/**
 * The one access check of the records API: for a caller, the SQL predicate of each object's
 * read/update/delete scope and the fields they may not write. Owners, admins and profiles that
 * reach every record get no scope at all, so the fast path adds no SQL.
 */
export function recordScopeOf(snapshot: AccessSnapshot, userId: string, role: Role): RecordScope | undefined {
  const profile = snapshot.profileOf(userId, role);
  if (!profile || isUnrestricted(profile)) return undefined;
  return new ProfileScope(snapshot, profile, userId);
}

class ProfileScope implements RecordScope {
  private readonly readOnly = new Map<string, ReadonlySet<string>>();

  constructor(
    private readonly snapshot: AccessSnapshot,
    private readonly profile: Profile,
    private readonly userId: string,
  ) {}

  rows(object: ObjectDef, action: ScopedAction, alias: string): Sql | null {
    return scopeSql(this.snapshot, object, ruleFor(this.profile, object.id)[action], {
      userId: this.userId,
      alias,
      editOnly: action !== 'read',
    });
  }

  holders(object: ObjectDef, action: ScopedAction, alias: string): Sql[] | null {
    return scopeParts(this.snapshot, object, ruleFor(this.profile, object.id)[action], {
      userId: this.userId,
      alias,
      editOnly: action !== 'read',
    });
  }

  canCreate(object: ObjectDef): boolean {
    return ruleFor(this.profile, object.id).create;
  }

  hiddenFieldIds(object: ObjectDef): ReadonlySet<string> {
    return new Set(object.fields.filter((f) => this.profile.fields[f.id] === 'HIDDEN').map((f) => f.id));
  }

  readOnlyKeys(object: ObjectDef): ReadonlySet<string> {
    let keys = this.readOnly.get(object.id);
    if (!keys) {
      keys = new Set(
        object.fields.filter((f) => this.profile.fields[f.id] === 'READ_ONLY').map((f) => f.key),
      );
      this.readOnly.set(object.id, keys);
    }
    return keys;
  }
}

/**
 * OWN: the record's owner or a granting USER field is the caller, or it is shared with them or
 * one of their teams. TEAM: the same for anyone in the caller's teams (sub-teams included).
 * Shares for update and delete must be "edit" shares.
 */
export function scopeSql(
  snapshot: AccessSnapshot,
  object: ObjectDef,
  scope: Scope,
  who: { userId: string; alias: string; editOnly: boolean },
): Sql | null {
  const parts = scopeParts(snapshot, object, scope, who);
  if (!parts) return null;
  if (!parts.length) return { sql: 'false', params: [] };
  return { sql: parts.map((p) => `(${p.sql})`).join(' or '), params: parts.flatMap((p) => p.params) };
}

/**
 * The predicates `scopeSql` ORs, one per holder column (each served by its holder index) and
 * one for shares; null: every record, none: no record.
 */
export function scopeParts(
  snapshot: AccessSnapshot,
  object: ObjectDef,
  scope: Scope,
  who: { userId: string; alias: string; editOnly: boolean },
): Sql[] | null {
  if (scope === 'ALL') return null;
  if (scope === 'NONE') return [];
  const reach = snapshot.teamReach(who.userId);
  const a = who.alias;
  const columns = ['owner_id', ...snapshot.grantingFieldsOf(object).map((f) => f.column!)];
  const holders =
    scope === 'OWN'
      ? columns.map((c) => ({ sql: `${a}.${quote(c)} = ?::uuid`, params: [who.userId] as unknown[] }))
      : columns.map((c) => ({
          sql: `${a}.${quote(c)} = any(?::uuid[])`,
          params: [pgArrayLiteral(reach.memberIds)] as unknown[],
        }));
  const level = who.editOnly ? ` and s.level = 'edit'` : '';
  const shared = {
    // Uncorrelated, so PostgreSQL hashes the shared ids once instead of probing per row.
    sql: `${a}.id in (select s.record_id from public.record_share s where s.object_id = ?::uuid and (s.user_id = ?::uuid or s.team_id = any(?::uuid[]))${level})`,
    params: [object.id, who.userId, pgArrayLiteral(reach.teamIds)] as unknown[],
  };
  return [...holders, shared];
}
