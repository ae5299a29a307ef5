import { describe, expect, it } from 'vitest';
import { caughtMailPage, MailCatcher } from './catcher.js';

describe('MailCatcher', () => {
  it('keeps the newest messages first, up to its size, and escapes them on its page', () => {
    const catcher = new MailCatcher(2);
    for (const subject of ['one', 'two', '<b>three</b>'])
      catcher.add({ at: new Date(0), from: 'a@x', replyTo: null, to: 'b@x', subject, text: 'hi & bye' });
    expect(catcher.list().map((m) => m.subject)).toEqual(['<b>three</b>', 'two']);
    const page = caughtMailPage(catcher.list());
    expect(page).toContain('<h2>&lt;b&gt;three&lt;/b&gt;</h2>');
    expect(page).toContain('<pre>hi &amp; bye</pre>');
    expect(caughtMailPage([])).toContain('No mail caught yet.');
  });
});
