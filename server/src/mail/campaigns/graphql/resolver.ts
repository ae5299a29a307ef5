import { requirePermission } from '../../../identity/index.js';
import { maxLatest, openingWithNewest } from '../../../platform/index.js';
import {
  Arg,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import { cancelCampaign, createCampaign } from '../campaign.js';
import type { Campaign } from '../model.js';
import { getCampaign, listCampaigns, pageRecipients } from '../read.js';
import type { CampaignContext } from '../services.js';
import type { CampaignChanged } from '../topics.js';
import { pageSuppressed, suppressByAdmin, unsuppressByAdmin } from '../suppression.js';
import {
  CampaignInput,
  CampaignRecipientPageType,
  CampaignRecipientStatusEnum,
  CampaignStatusEnum,
  CampaignThrottleUnit,
  CampaignType,
  SuppressedAddressPageType,
  SuppressionReasonEnum,
} from './types.js';

const intervalOf = { [CampaignThrottleUnit.SECOND]: 1000, [CampaignThrottleUnit.MINUTE]: 60_000 };

function toType(campaign: Campaign): CampaignType {
  const { throttle } = campaign;
  return {
    ...campaign,
    status: campaign.status as CampaignStatusEnum,
    throttle: throttle && {
      messages: throttle.messages,
      per: throttle.intervalMs === 1000 ? CampaignThrottleUnit.SECOND : CampaignThrottleUnit.MINUTE,
    },
  };
}

@Resolver(() => CampaignType)
export class CampaignResolver {
  @Query(() => [CampaignType], { description: 'The workspace’s campaigns, newest first (admins).' })
  async campaigns(
    @Arg('first', () => Int, { defaultValue: 50, description: '1–200.' }) first: number,
    @Ctx() ctx: CampaignContext,
  ): Promise<CampaignType[]> {
    return (await listCampaigns(ctx, first)).map(toType);
  }

  @Query(() => CampaignType, { description: 'One campaign with its counts (admins).' })
  async campaign(@Arg('id', () => ID) id: string, @Ctx() ctx: CampaignContext): Promise<CampaignType> {
    return toType(await getCampaign(ctx, id));
  }

  @Subscription(() => CampaignType, {
    description:
      'A campaign of the workspace as it changes: started, each batch sent, bounced, unsubscribed, cancelled (admins). With `latest`, it opens with the newest campaigns as they are once it listens (oldest of them first), so a list read just before subscribing misses nothing.',
    subscribe: ({ args, context }) => {
      const ctx = context as CampaignContext;
      const { workspaceId } = requirePermission(ctx, 'workspace.update');
      const { latest } = args as { latest: number };
      return openingWithNewest(
        latest,
        async (count) => (await listCampaigns(ctx, count)).map((c) => ({ campaignId: c.id })),
        () => ctx.services.events.subscribe('mail.campaignChanged', workspaceId),
      );
    },
  })
  async campaignChanged(
    @Root() event: CampaignChanged,
    @Arg('latest', () => Int, {
      defaultValue: 0,
      description: `Open with this many newest campaigns (0–${maxLatest}) before the changes.`,
    })
    _latest: number,
    @Ctx() ctx: CampaignContext,
  ): Promise<CampaignType> {
    return toType(await getCampaign(ctx, event.campaignId));
  }

  @FieldResolver(() => CampaignRecipientPageType, { description: 'Its recipients, sendable ones first.' })
  async recipients(
    @Root() campaign: CampaignType,
    @Arg('first', () => Int, { defaultValue: 100, description: '1–500.' }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('status', () => CampaignRecipientStatusEnum, { nullable: true })
    status: CampaignRecipientStatusEnum | null,
    @Ctx() ctx: CampaignContext,
  ): Promise<CampaignRecipientPageType> {
    const page = await pageRecipients(ctx.em, campaign.id, { first, after, status });
    return {
      ...page,
      nodes: page.nodes.map((n) => ({ ...n, status: n.status as CampaignRecipientStatusEnum })),
    };
  }

  @Mutation(() => CampaignType, {
    description: 'Creates a campaign to a view’s records, sent now or at scheduledAt (admins).',
  })
  async createCampaign(
    @Arg('input', () => CampaignInput) input: CampaignInput,
    @Ctx() ctx: CampaignContext,
  ): Promise<CampaignType> {
    const { throttle } = input;
    return toType(
      await createCampaign(ctx, {
        ...input,
        throttle: throttle ? { messages: throttle.messages, intervalMs: intervalOf[throttle.per] } : null,
      }),
    );
  }

  @Mutation(() => CampaignType, { description: 'Stops a campaign; messages not yet sent are not (admins).' })
  async cancelCampaign(@Arg('id', () => ID) id: string, @Ctx() ctx: CampaignContext): Promise<CampaignType> {
    return toType(await cancelCampaign(ctx, id));
  }

  @Query(() => SuppressedAddressPageType, {
    description: 'Addresses no mail of the workspace is sent to, newest first (admins).',
  })
  async suppressedAddresses(
    @Arg('first', () => Int, { defaultValue: 50, description: '1–200.' }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Ctx() ctx: CampaignContext,
  ): Promise<SuppressedAddressPageType> {
    const page = await pageSuppressed(ctx, { first, after, search });
    return { ...page, nodes: page.nodes.map((n) => ({ ...n, reason: n.reason as SuppressionReasonEnum })) };
  }

  @Mutation(() => Int, { description: 'Adds addresses to the suppression list; returns how many (admins).' })
  suppressAddresses(
    @Arg('addresses', () => [String]) addresses: string[],
    @Ctx() ctx: CampaignContext,
  ): Promise<number> {
    return suppressByAdmin(ctx, addresses);
  }

  @Mutation(() => Boolean, { description: 'Takes an address off the suppression list (admins).' })
  unsuppressAddress(
    @Arg('address', () => String) address: string,
    @Ctx() ctx: CampaignContext,
  ): Promise<boolean> {
    return unsuppressByAdmin(ctx, address);
  }
}
