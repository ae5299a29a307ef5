import { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import { isLiquidHref, liquidSafeHtml, mailBodyExtensions } from './extensions';

// The body goes through the editor's schema and the browser's serializer (happy-dom here):
// what the admin wrote in Liquid must come out as Liquid the server parses the same way.
let editor: Editor | null = null;
afterEach(() => editor?.destroy());

function throughEditor(html: string): string {
  editor = new Editor({ extensions: mailBodyExtensions(), content: html });
  return liquidSafeHtml(editor.getHTML());
}

describe('Liquid through the rich-text editor', () => {
  it('keeps merge fields, tags and formatting in text', () => {
    const html =
      '<p>Dear <strong>{{ record.name }}</strong>,</p><p>{% if record.phone %}Call {{ record.phone }}.{% endif %}</p>';
    expect(throughEditor(html)).toBe(html);
  });

  it('keeps comparison operators and quoted filter arguments inside tags', () => {
    const html =
      '<p>{% if record.amount > 100 and record.amount < 900 %}Big &amp; {{ record.owner.name | default: "our team" }}{% endif %}</p>';
    expect(throughEditor(html)).toBe(html);
  });

  it('keeps links whose address is a merge field, and ordinary ones', () => {
    const out = throughEditor(
      '<p><a href="{{ unsubscribe_url }}">Unsubscribe</a> · <a href="{{ record.website }}">site</a> · <a href="https://example.com/?a=1&amp;b=2">us</a></p>',
    );
    expect(out).toBe(
      '<p><a href="{{ unsubscribe_url }}">Unsubscribe</a> · <a href="{{ record.website }}">site</a> · <a href="https://example.com/?a=1&amp;b=2">us</a></p>',
    );
  });

  it('turns a double-quoted filter argument in an href into single quotes, keeping the attribute whole', () => {
    const out = throughEditor(`<p><a href='{{ record.website | default: "https://x.test" }}'>site</a></p>`);
    expect(out).toBe(`<p><a href="{{ record.website | default: 'https://x.test' }}">site</a></p>`);
  });

  it('still refuses script links', () => {
    expect(throughEditor('<p><a href="javascript:alert(1)">x</a></p>')).toBe('<p>x</p>');
  });

  it('keeps headings and lists', () => {
    const html = '<h2>{{ record.name }}</h2><ul><li><p>one</p></li></ul><ol><li><p>two</p></li></ol>';
    expect(throughEditor(html)).toBe(html);
  });
});

describe('isLiquidHref', () => {
  it('is a merge field output only', () => {
    expect(isLiquidHref('{{ unsubscribe_url }}')).toBe(true);
    expect(isLiquidHref('{{record.website}}/path')).toBe(true);
    expect(isLiquidHref('javascript:{{ x }}')).toBe(false);
  });
});
