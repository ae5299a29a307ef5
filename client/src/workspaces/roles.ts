import type { Role } from './operations';

const roleLabels: Record<Role, string> = {
  OWNER: 'Owner',
  ADMIN: 'Admin',
  MEMBER: 'Member',
  VIEWER: 'Viewer',
};

export function roleLabel(role: Role): string {
  return roleLabels[role] ?? role;
}
