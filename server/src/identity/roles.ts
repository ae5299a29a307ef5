/** Roles from most to least powerful; each includes the rights of those below it. */
export enum Role {
  OWNER = 'owner',
  ADMIN = 'admin',
  MEMBER = 'member',
  VIEWER = 'viewer',
}

const rank: Record<Role, number> = { [Role.OWNER]: 4, [Role.ADMIN]: 3, [Role.MEMBER]: 2, [Role.VIEWER]: 1 };

/** What a role may do. Resolvers ask for a permission, never for a role. */
export const permissions = {
  'workspace.read': Role.VIEWER,
  'records.read': Role.VIEWER,
  'members.read': Role.VIEWER,
  'tokens.own': Role.VIEWER,
  'records.write': Role.MEMBER,
  'workspace.update': Role.ADMIN,
  'members.manage': Role.ADMIN,
  'metadata.write': Role.ADMIN,
  'templates.install': Role.ADMIN,
  'webhooks.manage': Role.ADMIN,
  'forms.manage': Role.ADMIN,
  'audit.read': Role.ADMIN,
  'privacy.manage': Role.ADMIN,
  'audit.settings': Role.OWNER,
  // The provider decides who is whom in the workspace, owners included (docs/security.md).
  'sso.manage': Role.OWNER,
  'workspace.delete': Role.OWNER,
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof permissions;

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return rank[role] >= rank[minimum];
}

export function can(role: Role, permission: Permission): boolean {
  return roleAtLeast(role, permissions[permission]);
}

export function lowerRole(a: Role, b: Role): Role {
  return rank[a] <= rank[b] ? a : b;
}
