import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Role } from '../roles.js';

registerEnumType(Role, { name: 'Role', description: 'A member’s role in a workspace, most powerful first.' });

@ObjectType('User')
export class UserType {
  @Field(() => ID) id!: string;
  @Field(() => String) email!: string;
  @Field(() => String) name!: string;
  @Field(() => DateTimeResolver) createdAt!: Date;
}

@ObjectType('Workspace')
export class WorkspaceType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => Boolean, { description: 'Members must sign in with two factors to reach its data.' })
  requireTwoFactor!: boolean;
}

@ObjectType('Membership', { description: 'One of the caller’s workspaces.' })
export class MembershipType {
  @Field(() => WorkspaceType) workspace!: WorkspaceType;
  @Field(() => Role) role!: Role;
  @Field(() => DateTimeResolver) joinedAt!: Date;
}

@ObjectType('Member', { description: 'A user’s place in the current workspace.' })
export class MemberType {
  @Field(() => UserType) user!: UserType;
  @Field(() => Role) role!: Role;
  @Field(() => Boolean, { description: 'Away (holiday, leave): round-robin assignment passes them over.' })
  away!: boolean;
  @Field(() => DateTimeResolver) joinedAt!: Date;
}

@ObjectType('Me')
export class MeType {
  @Field(() => UserType) user!: UserType;
  @Field(() => [MembershipType]) memberships!: MembershipType[];
  @Field(() => WorkspaceType, { nullable: true, description: 'The workspace this request works in.' })
  currentWorkspace!: WorkspaceType | null;
  @Field(() => Role, { nullable: true, description: 'The effective role in the current workspace.' })
  role!: Role | null;
  @Field(() => String, { description: 'How this request was authenticated: session or token.' })
  authenticatedBy!: string;
  @Field(() => String, {
    nullable: true,
    description:
      'The IANA time zone where relative dates (today, this week) are read; null until chosen, read as UTC.',
  })
  timeZone!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The interface language you chose (en, de, it, zh); null until chosen: the browser’s.',
  })
  language!: string | null;
  @Field(() => Boolean, { description: 'Whether your e-mail address is confirmed (by a link sent to it).' })
  emailVerified!: boolean;
  @Field(() => Boolean, { description: 'Whether you sign in with a code from an authenticator app.' })
  twoFactorEnabled!: boolean;
  @Field(() => Boolean, {
    description:
      'The current workspace requires two-factor sign-in and you have not set it up: its data is refused (TWO_FACTOR_REQUIRED).',
  })
  twoFactorRequired!: boolean;
}

@ObjectType('AuthPayload')
export class AuthPayloadType {
  @Field(() => UserType) user!: UserType;
  @Field(() => WorkspaceType, {
    nullable: true,
    description: 'The first workspace, null if the user has none.',
  })
  workspace!: WorkspaceType | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Set when the password was right and a code is due: pass it to signInWithCode. No session exists until then.',
  })
  twoFactorToken?: string | null;
}

@ObjectType('TwoFactorSetup', { description: 'Show the URI as a QR code, and the secret for typing in.' })
export class TwoFactorSetupType {
  @Field(() => String) secret!: string;
  @Field(() => String, { description: 'An otpauth://totp/ URI for authenticator apps.' }) otpauthUri!: string;
}

@ObjectType('Session', { description: 'One of your signed-in browsers.' })
export class SessionType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Browser and system, read from the user agent.' }) device!: string;
  @Field(() => String, { nullable: true }) userAgent!: string | null;
  @Field(() => String, { nullable: true, description: 'The address it was last used from.' })
  clientAddress!: string | null;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true }) lastUsedAt!: Date | null;
  @Field(() => Boolean, { description: 'The session this request came with.' }) current!: boolean;
}

@ObjectType('ApiToken')
export class ApiTokenType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => Role) role!: Role;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true }) lastUsedAt!: Date | null;
  @Field(() => DateTimeResolver, { nullable: true }) expiresAt!: Date | null;
  @Field(() => DateTimeResolver, { nullable: true }) revokedAt!: Date | null;
}

@ObjectType('CreatedApiToken', { description: 'The secret is shown this once; only its hash is stored.' })
export class CreatedApiTokenType {
  @Field(() => String) token!: string;
  @Field(() => ApiTokenType) apiToken!: ApiTokenType;
}

@ObjectType('Invitation')
export class InvitationType {
  @Field(() => ID) id!: string;
  @Field(() => String) email!: string;
  @Field(() => Role) role!: Role;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver) expiresAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true }) acceptedAt!: Date | null;
}

@ObjectType('CreatedInvitation', { description: 'The token is shown this once; send it to the invitee.' })
export class CreatedInvitationType {
  @Field(() => String) token!: string;
  @Field(() => InvitationType) invitation!: InvitationType;
}

@ObjectType('MemberEvent')
export class MemberEventType {
  @Field(() => String, { description: 'ADDED, UPDATED or REMOVED.' }) kind!: string;
  @Field(() => ID) userId!: string;
  @Field(() => MemberType, { nullable: true, description: 'The member now; null once removed.' })
  member!: MemberType | null;
}

@ObjectType('Passkey', {
  description: 'A passkey you sign in with (WebAuthn); its key never leaves the device.',
})
export class PasskeyType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, {
    description:
      'multiDevice (synced, e.g. by a phone or password manager) or singleDevice (a security key).',
  })
  deviceType!: string;
  @Field(() => Boolean, { description: 'Whether the device says it is backed up (synced).' })
  backedUp!: boolean;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true, description: 'The last sign-in with it.' })
  lastUsedAt!: Date | null;
}
