import { describe, expect, it } from 'vitest';
import { checkMentions, excerptOf, maxBodyLength, parseBody } from './body.js';

const ann = '11111111-1111-4111-8111-111111111111';
const bob = '22222222-2222-4222-8222-222222222222';

describe('a comment body', () => {
  it('lists its mentions once each, in order, and trims the text', () => {
    expect(parseBody(`  hi <@${bob}> and <@${ann.toUpperCase()}>, <@${bob}> again `)).toEqual({
      body: `hi <@${bob}> and <@${ann.toUpperCase()}>, <@${bob}> again`,
      mentions: [bob, ann],
    });
    // Not a user id: plain text.
    expect(parseBody('mail <@someone>').mentions).toEqual([]);
  });

  it('refuses blank, too long and unstorable text at ["body"]', () => {
    for (const body of ['  ', 'x'.repeat(maxBodyLength + 1), 'a\u0000b', 'a\uD800b'])
      expect(() => parseBody(body)).toThrow(
        expect.objectContaining({ extensions: expect.objectContaining({ argumentPath: ['body'] }) }),
      );
    // The limit counts characters, not UTF-16 units.
    expect(() => parseBody('😀'.repeat(maxBodyLength))).not.toThrow();
  });

  it('names a mention of a non-member', () => {
    expect(() => checkMentions([ann, bob], new Set([ann]))).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({ mention: bob, code: 'BAD_USER_INPUT' }),
      }),
    );
    expect(() => checkMentions([ann], new Set([ann]))).not.toThrow();
  });

  it('makes a one-line excerpt with names', () => {
    const names = new Map([[ann, 'Ann']]);
    expect(excerptOf(`hi <@${ann}>\n\nsee   this`, names)).toBe('hi @Ann see this');
    expect(excerptOf(`<@${bob}>`, names)).toBe('@someone');
    expect(excerptOf('x'.repeat(200), names, 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
