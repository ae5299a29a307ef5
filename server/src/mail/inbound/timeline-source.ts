import { caughtUp, type EventBus } from '../../platform/index.js';
import {
  liveTimelineEvents,
  type TimelineItem,
  type TimelineSource,
  type TimelineTarget,
} from '../../timeline/index.js';
import { inboundCursor, inboundLoggedSince, pageInbound, readInbound, type InboundMessage } from './store.js';
import { inboundTopic } from './topics.js';

export const emailReceivedKind = 'EMAIL_RECEIVED';

/** Characters of the body a timeline entry carries; the whole message is in `inboundMail`. */
const excerptLength = 2000;

function inboundItem(target: TimelineTarget, mail: InboundMessage): TimelineItem {
  return {
    id: `email-received:${mail.id}`,
    kind: emailReceivedKind,
    at: mail.receivedAt,
    actorId: null,
    object: target.object.key,
    recordId: target.recordId,
    data: {
      inboundId: mail.id,
      fromAddress: mail.fromAddress,
      fromName: mail.fromName,
      to: mail.to,
      cc: mail.cc,
      subject: mail.subject,
      excerpt: mail.text.slice(0, excerptLength),
      sentAt: mail.sentAt?.toISOString() ?? null,
      replyToMailId: mail.replyToMailId,
      replyToSubject: mail.replyToSubject,
      createdRecord: mail.records.some((r) => r.recordId === target.recordId && r.created),
    },
  };
}

/**
 * Received mail on the records it was logged on, newest first by arrival; live from the
 * inbound topic (a message is no record change), published by whichever process logged it.
 */
export function inboundTimelineSource(events: EventBus): TimelineSource {
  return {
    name: 'email-received',
    kinds: [emailReceivedKind],

    async read(ctx, { target, after, first }) {
      const page = await pageInbound(ctx.em, ctx.workspaceId, { first, after, recordId: target.recordId });
      return page.nodes.map((mail) => ({ item: inboundItem(target, mail), cursor: inboundCursor(mail) }));
    },

    subscribe(ctx, target, since) {
      const live = events.subscribe('mail.inbound', inboundTopic(ctx.workspaceId, target.recordId));
      const missed = async (snapshot: string) =>
        (await inboundLoggedSince(ctx.em, ctx.workspaceId, target.recordId, snapshot)).map((inboundId) => ({
          inboundId,
        }));
      const logged = since ? caughtUp(() => missed(since), live) : live;
      return liveTimelineEvents(logged, async (event) => {
        const mail = await readInbound(ctx.em.fork(), ctx.workspaceId, event.inboundId);
        return mail ? { item: inboundItem(target, mail), removed: false } : null;
      });
    },
  };
}
