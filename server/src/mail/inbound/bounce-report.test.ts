import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readBounceReport } from './bounce-report.js';

const fixture = (name: string) => readFile(new URL(`./fixtures/${name}`, import.meta.url));

describe('readBounceReport', () => {
  it('reads a hard bounce: status, recipient, diagnostic and the quoted original’s ids', async () => {
    expect(await readBounceReport(await fixture('bounce-hard.eml'))).toEqual({
      mailId: '6f1c2d3e-1111-4222-8333-944455556666',
      originalMessageId: '<original-1234@crm.test>',
      recipient: 'gone@example.net',
      action: 'failed',
      status: '5.1.1',
      answer:
        '550 5.1.1 <gone@example.net>: Recipient address rejected: User unknown in local recipient table',
    });
  });

  it('is null for a message that is no delivery report', async () => {
    expect(await readBounceReport(await fixture('reply-html-only.eml'))).toBeNull();
  });
});
