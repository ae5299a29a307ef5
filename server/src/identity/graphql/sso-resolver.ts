import { Arg, Ctx, Field, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import type { IdentityContext } from '../context.js';
import { Role } from '../roles.js';
import { configureSso, removeSso, ssoSettings, type SsoView } from '../sso/connection.js';
import './types.js';

@ObjectType('SsoConnection', {
  description: 'A workspace’s OpenID Connect provider (its client secret is never returned).',
})
export class SsoConnectionType {
  @Field(() => String) issuer!: string;
  @Field(() => String) clientId!: string;
  @Field(() => [String], { description: 'E-mail domains whose people join just in time.' })
  domains!: string[];
  @Field(() => Role, { description: 'The role people who join just in time get.' })
  joinRole!: Role;
  @Field(() => DateTimeResolver) updatedAt!: Date;
}

@ObjectType('SsoSettings')
export class SsoSettingsType {
  @Field(() => Boolean, { description: 'False when the server has no SSO_SECRET_KEY: nothing can be saved.' })
  available!: boolean;
  @Field(() => String, { description: 'Register exactly this redirect URI at the provider.' })
  redirectUri!: string;
  @Field(() => SsoConnectionType, { nullable: true })
  connection!: SsoConnectionType | null;
}

@InputType()
export class SsoInput {
  @Field(() => String, {
    description: 'The provider’s issuer URL; its discovery document is read when saving.',
  })
  issuer!: string;
  @Field(() => String) clientId!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Required the first time; left out, the saved one is kept.',
  })
  clientSecret?: string | null;
  @Field(() => [String], {
    description: 'E-mail domains whose people may join just in time (none: members only).',
  })
  domains!: string[];
  @Field(() => Role, { nullable: true, description: 'The role they get; MEMBER by default, never OWNER.' })
  joinRole?: Role | null;
}

/** Single sign-on settings of the current workspace (owners): docs/security.md. */
@Resolver()
export class SsoResolver {
  @Query(() => SsoSettingsType, { description: 'The workspace’s single sign-on settings (owners).' })
  ssoSettings(@Ctx() ctx: IdentityContext): Promise<SsoView> {
    return ssoSettings(ctx);
  }

  @Mutation(() => SsoSettingsType, {
    description: 'Sets up (or changes) single sign-on with an OpenID Connect provider, after discovering it.',
  })
  configureSso(@Arg('input', () => SsoInput) input: SsoInput, @Ctx() ctx: IdentityContext): Promise<SsoView> {
    return configureSso(ctx, {
      issuer: input.issuer.slice(0, 2000),
      clientId: input.clientId.slice(0, 1000),
      clientSecret: input.clientSecret?.slice(0, 4000) ?? null,
      domains: input.domains.slice(0, 1000).map((domain) => domain.slice(0, 300)),
      joinRole: input.joinRole ?? null,
    });
  }

  @Mutation(() => Boolean, { description: 'Turns single sign-on off; true if it was on.' })
  removeSso(@Ctx() ctx: IdentityContext): Promise<boolean> {
    return removeSso(ctx);
  }
}
