import { i18n } from '../i18n';
import type { Role } from './operations';

const roles: readonly string[] = ['OWNER', 'ADMIN', 'MEMBER', 'VIEWER'];

/** A role's name in the interface language (read when shown, so a switch follows). */
export function roleLabel(role: Role): string {
  return roles.includes(role) ? i18n.global.t(`workspaces.roles.${role}`) : role;
}
