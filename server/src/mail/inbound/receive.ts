import { requirePermission, type RequestContext } from '../../identity/index.js';
import { BadInput } from '../../platform/index.js';
import { forwardingAddress } from './address.js';
import type { InboundDeps } from './deps.js';
import type { ReceivedBounce } from './bounce.js';
import { logInboundMail, type LoggedMail } from './log.js';
import { readMailbox } from './mailbox.js';

/**
 * A raw message handed over by an admin's API token (a mail provider's webhook, a script):
 * logged like one read from the mailbox, with the mailbox's unknown-sender setting.
 */
export async function receiveRawMail(
  deps: InboundDeps,
  ctx: RequestContext,
  raw: Buffer,
): Promise<LoggedMail | ReceivedBounce> {
  const { workspaceId, caller } = requirePermission(ctx, 'workspace.update');
  if (
    !Buffer.isBuffer(raw) ||
    raw.length === 0 ||
    !/^[\x21-\x39\x3b-\x7e]+:/m.test(raw.subarray(0, 4096).toString('latin1'))
  )
    throw new BadInput(['body'], 'body: send one raw RFC 822 message (Content-Type: message/rfc822)');
  const mailbox = await readMailbox(ctx.em, workspaceId);
  const own = [await forwardingAddress(ctx.em, workspaceId, deps.settings.domain), mailbox?.username];
  return logInboundMail(deps, {
    workspaceId,
    raw,
    via: 'HTTP',
    actorId: caller.user.id,
    createObjectId: mailbox?.create_object_id ?? null,
    ownAddresses: own.filter((a): a is string => !!a && a.includes('@')),
  });
}
