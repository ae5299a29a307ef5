import type { Role } from '../identity/index.js';
import { quote, type ObjectDef } from '../metadata/index.js';
import {
  pgArrayLiteral,
  type Probe,
  type RecordScope,
  type ScopedAction,
  type Sql,
} from '../records/index.js';
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

  async holders(object: ObjectDef, action: ScopedAction, alias: string, probe: Probe): Promise<Sql[] | null> {
    const scope = ruleFor(this.profile, object.id)[action];
    if (scope === 'ALL') return null;
    if (scope === 'NONE') return [];
    const who = { userId: this.userId, alias, editOnly: action !== 'read' };
    const shares = shareParts(this.snapshot, object, who);
    const [held] = await probe(shares.held);
    const own = holderParts(this.snapshot, object, scope, who);
    return held?.held ? [...own, shares.rows] : own;
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
export function scopeSql(snapshot: AccessSnapshot, object: ObjectDef, scope: Scope, who: Who): Sql | null {
  const parts = scopeParts(snapshot, object, scope, who);
  if (!parts) return null;
  if (!parts.length) return { sql: 'false', params: [] };
  return { sql: parts.map((p) => `(${p.sql})`).join(' or '), params: parts.flatMap((p) => p.params) };
}

/**
 * The predicates `scopeSql` ORs, one per holder column (each served by its holder index) and
 * one for shares; null: every record, none: no record.
 */
function scopeParts(snapshot: AccessSnapshot, object: ObjectDef, scope: Scope, who: Who): Sql[] | null {
  if (scope === 'ALL') return null;
  if (scope === 'NONE') return [];
  return [...holderParts(snapshot, object, scope, who), shareParts(snapshot, object, who).rows];
}

interface Who {
  userId: string;
  alias: string;
  editOnly: boolean;
}

/** The owner and each granting field, for OWN the caller, for TEAM anyone the caller's teams reach. */
function holderParts(snapshot: AccessSnapshot, object: ObjectDef, scope: 'OWN' | 'TEAM', who: Who): Sql[] {
  const a = who.alias;
  const columns = ['owner_id', ...snapshot.grantingFieldsOf(object).map((f) => f.column!)];
  if (scope === 'OWN')
    return columns.map((c) => ({ sql: `${a}.${quote(c)} = ?::uuid`, params: [who.userId] }));
  const members = pgArrayLiteral(snapshot.teamReach(who.userId).memberIds);
  return columns.map((c) => ({ sql: `${a}.${quote(c)} = any(?::uuid[])`, params: [members] }));
}

/** The records shared with the caller or their teams, and whether there is any (`held`). */
function shareParts(snapshot: AccessSnapshot, object: ObjectDef, who: Who): { rows: Sql; held: Sql } {
  const level = who.editOnly ? ` and s.level = 'edit'` : '';
  const shares = `from public.record_share s where s.object_id = ?::uuid and (s.user_id = ?::uuid or s.team_id = any(?::uuid[]))${level}`;
  const params = [object.id, who.userId, pgArrayLiteral(snapshot.teamReach(who.userId).teamIds)];
  return {
    // Uncorrelated, so PostgreSQL hashes the shared ids once instead of probing per row.
    rows: { sql: `${who.alias}.id in (select s.record_id ${shares})`, params },
    held: { sql: `select exists (select 1 ${shares}) as held`, params },
  };
}
