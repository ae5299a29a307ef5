import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { parseId } from '../../platform/index.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../api-tokens.js';
import type { IdentityContext } from '../context.js';
import { CreateApiTokenInput } from './inputs.js';
import { toApiToken } from './mappers.js';
import { ApiTokenType, CreatedApiTokenType } from './types.js';

@Resolver()
export class ApiTokenResolver {
  @Query(() => [ApiTokenType], { description: 'Your API tokens in the current workspace, newest first.' })
  async apiTokens(@Ctx() ctx: IdentityContext): Promise<ApiTokenType[]> {
    return (await listApiTokens(ctx)).map(toApiToken);
  }

  @Mutation(() => CreatedApiTokenType, {
    description: 'Creates a bearer token for integrations; the secret is shown only in this answer.',
  })
  async createApiToken(
    @Arg('input', () => CreateApiTokenInput) input: CreateApiTokenInput,
    @Ctx() ctx: IdentityContext,
  ): Promise<CreatedApiTokenType> {
    const { token, apiToken } = await createApiToken(ctx, input);
    return { token, apiToken: toApiToken(apiToken) };
  }

  @Mutation(() => ApiTokenType, {
    description: 'Revokes a token at once; it is refused from the next request.',
  })
  async revokeApiToken(@Arg('id', () => ID) id: string, @Ctx() ctx: IdentityContext): Promise<ApiTokenType> {
    return toApiToken(await revokeApiToken(ctx, parseId('id', id)));
  }
}
