/** Permission profiles, teams and shares as the access check reads them (one snapshot per metadata version). */

/** Which records an action reaches: none, the caller's own, their teams', or every one. */
export type Scope = 'NONE' | 'OWN' | 'TEAM' | 'ALL';
export const scopes: readonly Scope[] = ['NONE', 'OWN', 'TEAM', 'ALL'];

export interface ObjectRule {
  read: Scope;
  create: boolean;
  update: Scope;
  delete: Scope;
}

/** A field is editable unless a profile says otherwise. */
export type FieldAccess = 'HIDDEN' | 'READ_ONLY' | 'EDITABLE';

export type BuiltinProfile = 'member' | 'viewer';

export interface Profile {
  /** Null for a built-in profile nobody has edited yet (it has no row). */
  id: string | null;
  builtin: BuiltinProfile | null;
  name: string;
  /** Object id → rule; objects not named follow `defaultObject`. */
  objects: Record<string, ObjectRule>;
  defaultObject: ObjectRule;
  /** Field id → access, for fields that are not editable. */
  fields: Record<string, Exclude<FieldAccess, 'EDITABLE'>>;
}

export interface Team {
  id: string;
  name: string;
  parentId: string | null;
  memberIds: string[];
}

export const fullRule: ObjectRule = { read: 'ALL', create: true, update: 'ALL', delete: 'ALL' };
const readOnlyRule: ObjectRule = { read: 'ALL', create: false, update: 'NONE', delete: 'NONE' };

/** The built-in profiles as a new workspace has them. */
export function defaultBuiltin(builtin: BuiltinProfile): Profile {
  return {
    id: null,
    builtin,
    name: builtin === 'member' ? 'Member' : 'Viewer',
    objects: {},
    defaultObject: builtin === 'member' ? fullRule : readOnlyRule,
    fields: {},
  };
}

export function ruleFor(profile: Profile, objectId: string): ObjectRule {
  return profile.objects[objectId] ?? profile.defaultObject;
}

/** A profile that reaches every record of every object and shows every field: no SQL is added. */
export function isUnrestricted(profile: Profile): boolean {
  const rules = [profile.defaultObject, ...Object.values(profile.objects)];
  return (
    Object.keys(profile.fields).length === 0 &&
    rules.every((r) => r.read === 'ALL' && r.update === 'ALL' && r.delete === 'ALL')
  );
}
