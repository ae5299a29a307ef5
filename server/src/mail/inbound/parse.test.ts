import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseInbound } from './parse.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

describe('parseInbound (stored messages)', () => {
  it('reads encoded headers, groups, threading ids and an HTML-only body as text', async () => {
    const parsed = await parseInbound(fixture('reply-html-only.eml'));
    expect(parsed).toMatchObject({
      messageId: '<m1@example.test>',
      from: { address: 'juergen@example.test', name: 'Jürgen Käufer' },
      to: ['sales+abc123@in.crm.test', 'ann@crm.test', 'bob@crm.test'],
      cc: ['carol@customer.test'],
      subject: 'Re: Angebot über das Boot',
      inReplyTo: '<sent-1@crm.test>',
      answers: ['<sent-1@crm.test>', '<sent-0@crm.test>'],
    });
    expect(parsed.sentAt?.toISOString()).toBe('2026-12-01T08:30:00.000Z');
    expect(parsed.text).toContain('Grüße, ist das Boot noch da?');
  });

  it('gives a message without Message-ID a stable id of its own', async () => {
    const a = await parseInbound(fixture('no-message-id.eml'));
    const b = await parseInbound(fixture('no-message-id.eml'));
    expect(a.messageId).toMatch(/^<[0-9a-f]{64}@no-message-id>$/);
    expect(b.messageId).toBe(a.messageId);
    expect(a.inReplyTo).toBeNull();
    expect(a.text.trim()).toBe('Body without a Message-ID.');
  });
});
