import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/index.js';
import { compilePart, htmlLiquid, plainLiquid, usedMergeFields } from './compile.js';
import { htmlOfText, mailLayout, textOfHtml } from './layout.js';

const fields = [
  { path: 'record.name', label: 'Name', type: 'TEXT' },
  { path: 'record.company.name', label: 'Company', type: 'TEXT' },
  { path: 'sender.name', label: 'Sender', type: 'TEXT' },
];

function refusal(source: string): AppError {
  try {
    compilePart(plainLiquid, source, ['input', 'bodyHtml'], fields);
  } catch (error) {
    return error as AppError;
  }
  throw new Error('not refused');
}

describe('compilePart', () => {
  it('refuses a template that does not parse, with its line and column', () => {
    const error = refusal('Hello\n  {% iff record.name %}');
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', line: 2, column: 3 });
    expect(error.message).toBe('line 2, column 3: tag "iff" not found');
    expect(refusal('{{ record.name | shout }}').message).toMatch(
      /^line 1, column 1: undefined filter: shout/,
    );
  });

  it('refuses unknown merge fields, naming them, and accepts known ones, prefixes, locals and .size', () => {
    expect(refusal('{{ record.nam }} {{ record.company.nme }}').message).toBe(
      'unknown merge fields: record.nam, record.company.nme.',
    );
    const ok =
      '{% if record.company %}{{ record.company.name }}{% endif %}{% assign n = record.name %}{{ n }}';
    const parsed = compilePart(
      plainLiquid,
      `${ok} {{ record.name.size }} {{ record.company.id }}`,
      ['x'],
      fields,
    );
    expect(usedMergeFields(plainLiquid, parsed)).toEqual([
      'record.company',
      'record.company.name',
      'record.name',
      'record.company.id',
    ]);
  });

  it('escapes merge values in HTML, not in text', async () => {
    const scope = { record: { name: '<b>Ann & co</b>' } };
    expect(await htmlLiquid.parseAndRender('<p>{{ record.name }}</p>', scope)).toBe(
      '<p>&lt;b&gt;Ann &amp; co&lt;/b&gt;</p>',
    );
    expect(await plainLiquid.parseAndRender('{{ record.name }}', scope)).toBe('<b>Ann & co</b>');
  });
});

describe('mail layout', () => {
  it('frames the body in one responsive column and derives the text part', () => {
    const html = mailLayout('Hi <you>', '<p>Body</p>');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<title>Hi &lt;you&gt;</title>');
    expect(html).toContain('class="mail-column" width="600"');
    expect(html).toContain('<p>Body</p>');
    expect(textOfHtml('<p>Dear Ann,</p><p>See <a href="https://x.test/a">the offer</a>.</p>')).toBe(
      'Dear Ann,\n\nSee the offer [https://x.test/a].',
    );
    expect(htmlOfText('a & b\nc\n\nd')).toBe('<p>a &amp; b<br>c</p><p>d</p>');
  });
});
