import type { ApiToken, Invitation, Membership } from '../entities/index.js';
import type { ApiTokenType, InvitationType, MemberType, MembershipType } from './types.js';

export function toMember(membership: Membership): MemberType {
  return {
    user: membership.user,
    role: membership.role,
    away: membership.away,
    joinedAt: membership.createdAt,
  };
}

export function toMembership(membership: Membership): MembershipType {
  return { workspace: membership.workspace, role: membership.role, joinedAt: membership.createdAt };
}

export function toApiToken(token: ApiToken): ApiTokenType {
  return {
    id: token.id,
    name: token.name,
    role: token.role,
    createdAt: token.createdAt,
    lastUsedAt: token.lastUsedAt ?? null,
    expiresAt: token.expiresAt ?? null,
    revokedAt: token.revokedAt ?? null,
  };
}

export function toInvitation(invitation: Invitation): InvitationType {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    createdAt: invitation.createdAt,
    expiresAt: invitation.expiresAt,
    acceptedAt: invitation.acceptedAt ?? null,
  };
}
