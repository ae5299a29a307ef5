import { digestHour, setDigest } from '../digest.js';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { requirePermission } from '../../identity/index.js';
import type { ActivitiesContext } from '../services.js';
import { loadMetadata } from '../../metadata/index.js';
import { resumedFrom } from '../../realtime/index.js';
import { BadInput, NotFound, parseId } from '../../platform/index.js';
import {
  countUnread,
  getNotification,
  listNotifications,
  markRead,
  maxPageSize,
  watchInbox,
  type Inbox,
} from '../inbox.js';
import { listReminderRules, setReminderRules } from '../reminder-admin.js';
import { readSettings, saveSettings } from '../settings.js';
import { toNotificationType, toReminderRuleType } from './mappers.js';
import {
  NotificationPageType,
  NotificationSettingInputType,
  NotificationSettingType,
  NotificationType,
  ReminderRuleInputType,
  ReminderRuleType,
} from './types.js';

/** The caller's own inbox in the selected workspace: there is no argument naming another. */
function inboxOf(ctx: ActivitiesContext): Inbox {
  const access = requirePermission(ctx, 'records.read');
  return { workspaceId: access.workspaceId, userId: access.caller.user.id };
}

const maxMarkIds = 500;

@Resolver()
export class NotificationResolver {
  @Query(() => NotificationPageType, { description: 'Your notifications in this workspace, newest first.' })
  async notifications(
    @Arg('first', () => Int, { defaultValue: 20, description: `1–${maxPageSize}.` }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('unreadOnly', () => Boolean, { defaultValue: false }) unreadOnly: boolean,
    @Ctx() ctx: ActivitiesContext,
  ): Promise<NotificationPageType> {
    const inbox = inboxOf(ctx);
    const page = await listNotifications(ctx.em, inbox, { first, after, unreadOnly });
    const metadata = await loadMetadata(ctx.em, inbox.workspaceId);
    return {
      nodes: page.nodes.map((n) => toNotificationType(n, metadata)),
      hasNextPage: page.hasNextPage,
      endCursor: page.endCursor,
      unreadCount: await countUnread(ctx.em, inbox),
    };
  }

  @Mutation(() => Int, {
    description: 'Marks your notifications read, these ids or all; returns how many were unread.',
  })
  async markNotificationsRead(
    @Arg('ids', () => [ID], { nullable: true }) ids: string[] | null,
    @Arg('all', () => Boolean, { nullable: true }) all: boolean | null,
    @Ctx() ctx: ActivitiesContext,
  ): Promise<number> {
    const inbox = inboxOf(ctx);
    if (all && ids) throw new BadInput(['ids'], 'Give ids or all, not both.');
    if (all) return markRead(ctx.em, inbox, 'all');
    if (!ids) throw new BadInput(['ids'], 'Give the ids to mark read, or all: true.');
    if (ids.length > maxMarkIds) throw new BadInput(['ids'], `At most ${maxMarkIds} ids at once.`);
    return markRead(
      ctx.em,
      inbox,
      ids.map((id, i) => parseId(['ids', String(i)], id)),
    );
  }

  @Query(() => [NotificationSettingType], {
    description: 'Your notification settings in this workspace, one per kind.',
  })
  async notificationSettings(@Ctx() ctx: ActivitiesContext): Promise<NotificationSettingType[]> {
    return (await readSettings(ctx.em, inboxOf(ctx))) as NotificationSettingType[];
  }

  @Mutation(() => [NotificationSettingType], {
    description: 'Sets where notifications of these kinds go (others keep theirs); returns every kind.',
  })
  async setNotificationSettings(
    @Arg('settings', () => [NotificationSettingInputType]) settings: NotificationSettingInputType[],
    @Ctx() ctx: ActivitiesContext,
  ): Promise<NotificationSettingType[]> {
    return (await saveSettings(ctx.em, inboxOf(ctx), settings)) as NotificationSettingType[];
  }

  @Query(() => Int, {
    nullable: true,
    description:
      'The hour (0–23, in your time zone) of your daily e-mail digest of unread notifications; null: none.',
  })
  notificationDigest(@Ctx() ctx: ActivitiesContext): Promise<number | null> {
    return digestHour(ctx.em, inboxOf(ctx));
  }

  @Mutation(() => Int, {
    nullable: true,
    description:
      'Turns the daily e-mail digest of your unread notifications on at this hour of your day (0–23), or off (null).',
  })
  setNotificationDigest(
    @Arg('hour', () => Int, { nullable: true }) hour: number | null,
    @Ctx() ctx: ActivitiesContext,
  ): Promise<number | null> {
    return setDigest(ctx.em, inboxOf(ctx), hour);
  }

  @Subscription(() => NotificationType, {
    description:
      'Each notification added to your inbox in this workspace, as it is added. With `after` (a `changeCursor` read beside the inbox), those added since that read come first.',
    subscribe: ({ args, context }) => {
      const ctx = context as ActivitiesContext;
      const since = resumedFrom((args as { after?: string | null }).after);
      // Its catch-up reads after this call returns: an entity manager of its own.
      return watchInbox(ctx.services.events, ctx.em.fork(), inboxOf(ctx), since);
    },
  })
  async notificationAdded(
    @Root() event: { notificationId: string },
    @Arg('after', () => String, { nullable: true }) _after: string | null,
    @Ctx() ctx: ActivitiesContext,
  ): Promise<NotificationType> {
    const inbox = inboxOf(ctx);
    const em = ctx.em.fork();
    const notification = await getNotification(em, inbox, event.notificationId);
    if (!notification) throw new NotFound('The notification');
    const metadata = await ctx.services.metadataCache.get(em, inbox.workspaceId);
    if (!metadata) throw new NotFound('The workspace');
    return toNotificationType(notification, metadata);
  }
}

@Resolver()
export class ReminderResolver {
  @Query(() => [ReminderRuleType], { description: 'Reminder rules of one object, or of all.' })
  async reminderRules(
    @Arg('object', () => String, { nullable: true }) object: string | null,
    @Ctx() ctx: ActivitiesContext,
  ): Promise<ReminderRuleType[]> {
    const { rules, metadata } = await listReminderRules(ctx, object);
    return rules.map((rule) => toReminderRuleType(rule, metadata));
  }

  @Mutation(() => [ReminderRuleType], {
    description:
      'Sets the reminders of a DATE or DATETIME field (replacing its earlier ones; [] removes them). Admins only.',
  })
  async setReminderRules(
    @Arg('object', () => String) object: string,
    @Arg('field', () => String) field: string,
    @Arg('rules', () => [ReminderRuleInputType]) rules: ReminderRuleInputType[],
    @Ctx() ctx: ActivitiesContext,
  ): Promise<ReminderRuleType[]> {
    const saved = await setReminderRules(ctx, object, field, rules);
    return saved.rules.map((rule) => toReminderRuleType(rule, saved.metadata));
  }
}
