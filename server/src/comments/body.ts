import { BadInput, invalidTextReason } from '../platform/index.js';

/** Longest comment, in characters (code points), mention tokens included. */
export const maxBodyLength = 10_000;

/**
 * A mention is the token `<@user-id>` in the body: stored as written, so the text keeps
 * where each mention stands, and listed apart (`mentions`) for notifying and for names.
 */
const mentionToken = /<@([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})>/gi;

export interface ParsedBody {
  body: string;
  /** The mentioned user ids, each once, in order of appearance. */
  mentions: string[];
}

/** The body checked (not blank, within the limit, storable) and its mentions. */
export function parseBody(body: string, path: readonly string[] = ['body']): ParsedBody {
  const reason = invalidTextReason(body);
  if (reason) throw new BadInput(path, `body: ${reason}.`);
  const text = body.trim();
  if (!text) throw new BadInput(path, 'body: write something.');
  const length = [...text].length;
  if (length > maxBodyLength)
    throw new BadInput(path, `body: at most ${maxBodyLength} characters (this one has ${length}).`, {
      maxLength: maxBodyLength,
    });
  const mentions = [...new Set([...text.matchAll(mentionToken)].map((m) => m[1]!.toLowerCase()))];
  return { body: text, mentions };
}

/** Refuses a mention of someone who is not a member, naming it. */
export function checkMentions(mentions: readonly string[], members: ReadonlySet<string>): void {
  const outsider = mentions.find((id) => !members.has(id));
  if (outsider)
    throw new BadInput(['body'], `body: the mention <@${outsider}> is not a member of this workspace.`, {
      mention: outsider,
    });
}

/** Plain text for a notification: mentions as @Name, cut to `max` characters. */
export function excerptOf(body: string, names: ReadonlyMap<string, string>, max = 140): string {
  const text = body
    .replace(mentionToken, (_, id: string) => `@${names.get(id.toLowerCase()) ?? 'someone'}`)
    .replace(/\s+/g, ' ');
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}
