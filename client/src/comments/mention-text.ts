import { i18n } from '../i18n';

/**
 * Mentions as people type them and as the API stores them. The composer shows `@Name`;
 * the body sent holds `<@userId>` for each member picked from the suggestions.
 */

export interface Mention {
  userId: string;
  name: string;
}

export type Segment = { text: string } | { mention: Mention };

const token = /<@([0-9a-fA-F-]{36})>/g;

/** A stored body cut into text and mentions, for display. */
export function segments(body: string, mentions: readonly Mention[]): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const match of body.matchAll(token)) {
    if (match.index > at) out.push({ text: body.slice(at, match.index) });
    const userId = match[1]!.toLowerCase();
    out.push({
      mention: mentions.find((m) => m.userId === userId) ?? {
        userId,
        name: i18n.global.t('comments.someone'),
      },
    });
    at = match.index + match[0].length;
  }
  if (at < body.length) out.push({ text: body.slice(at) });
  return out;
}

/** A stored body as the composer shows it: each token as `@Name`. */
export function toDraft(body: string, mentions: readonly Mention[]): string {
  return segments(body, mentions)
    .map((s) => ('text' in s ? s.text : `@${s.mention.name}`))
    .join('');
}

/** The draft as the API takes it: each picked `@Name` still in the text becomes its token. */
export function toBody(draft: string, picked: readonly Mention[]): string {
  // Longer names first, so "@Ann Lee" is not taken for "@Ann".
  const byLength = [...picked].sort((a, b) => b.name.length - a.name.length);
  let body = draft;
  for (const mention of byLength) body = body.split(`@${mention.name}`).join(`<@${mention.userId}>`);
  return body.trim();
}

/** The `@word` being typed just before the caret, if any: where it starts and what it says. */
export function mentionQueryAt(draft: string, caret: number): { start: number; query: string } | null {
  const before = draft.slice(0, caret);
  const match = /(?:^|\s)@([^\s@]{0,30})$/.exec(before);
  if (!match) return null;
  return { start: caret - match[1]!.length - 1, query: match[1]! };
}

/** The draft with the `@word` from `start` to the caret replaced by the picked name. */
export function insertMention(
  draft: string,
  start: number,
  caret: number,
  mention: Mention,
): { draft: string; caret: number } {
  const inserted = `@${mention.name} `;
  return { draft: draft.slice(0, start) + inserted + draft.slice(caret), caret: start + inserted.length };
}

/** Members whose name or e-mail starts a word with the query, at most `limit`. */
export function suggest<T extends { name: string; email?: string }>(
  members: readonly T[],
  query: string,
  limit = 6,
): T[] {
  const q = query.toLowerCase();
  return members
    .filter(
      (m) =>
        !q ||
        m.name
          .toLowerCase()
          .split(/\s+/)
          .some((w) => w.startsWith(q)) ||
        m.email?.toLowerCase().startsWith(q),
    )
    .slice(0, limit);
}
