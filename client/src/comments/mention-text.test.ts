import { describe, expect, it } from 'vitest';
import { insertMention, mentionQueryAt, segments, suggest, toBody, toDraft } from './mention-text';
import { withChange } from './thread';
import type { Comment } from './operations';

const ann = { userId: '11111111-1111-4111-8111-111111111111', name: 'Ann' };
const annLee = { userId: '22222222-2222-4222-8222-222222222222', name: 'Ann Lee' };

describe('mentions in the composer and in the stored body', () => {
  it('turns picked @Names into tokens and back', () => {
    const body = toBody('Hi @Ann Lee and @Ann, see this  ', [ann, annLee]);
    expect(body).toBe(`Hi <@${annLee.userId}> and <@${ann.userId}>, see this`);
    expect(toDraft(body, [ann, annLee])).toBe('Hi @Ann Lee and @Ann, see this');
    expect(segments(body, [ann, annLee])).toEqual([
      { text: 'Hi ' },
      { mention: annLee },
      { text: ' and ' },
      { mention: ann },
      { text: ', see this' },
    ]);
    // An @Name typed by hand, not picked, stays text.
    expect(toBody('@Bob hello', [ann])).toBe('@Bob hello');
  });

  it('finds the @word before the caret and replaces it with the pick', () => {
    expect(mentionQueryAt('hello @an', 9)).toEqual({ start: 6, query: 'an' });
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQueryAt('mail me@example', 15)).toBeNull();
    expect(mentionQueryAt('hello @an there', 15)).toBeNull();
    expect(insertMention('hello @an!', 6, 9, ann)).toEqual({ draft: 'hello @Ann !', caret: 11 });
  });

  it('suggests members by the start of a name or e-mail', () => {
    const members = [
      { id: '1', name: 'Ann Lee', email: 'ann@x.io' },
      { id: '2', name: 'Bob Stone', email: 'bob@x.io' },
    ];
    expect(suggest(members, 'st').map((m) => m.id)).toEqual(['2']);
    expect(suggest(members, 'ann').map((m) => m.id)).toEqual(['1']);
    expect(suggest(members, '').map((m) => m.id)).toEqual(['1', '2']);
  });
});

describe('a thread receiving pushed changes', () => {
  const comment = (id: string, body = id): Comment => ({
    id,
    authorId: null,
    authorName: 'Ann',
    body,
    mentions: [],
    createdAt: '2026-12-03T09:00:00.000Z',
    editedAt: null,
  });
  it('appends, edits and removes once each', () => {
    const thread = [comment('a')];
    const added = withChange(thread, { kind: 'ADDED', commentId: 'b', comment: comment('b') });
    expect(added.map((c) => c.id)).toEqual(['a', 'b']);
    expect(withChange(added, { kind: 'ADDED', commentId: 'b', comment: comment('b') })).toHaveLength(2);
    const edited = withChange(added, { kind: 'EDITED', commentId: 'a', comment: comment('a', 'new') });
    expect(edited.map((c) => c.body)).toEqual(['new', 'b']);
    expect(withChange(edited, { kind: 'DELETED', commentId: 'a', comment: null }).map((c) => c.id)).toEqual([
      'b',
    ]);
  });
});
