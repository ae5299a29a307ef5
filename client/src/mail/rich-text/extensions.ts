import type { Extensions } from '@tiptap/core';
import Link from '@tiptap/extension-link';
import StarterKit from '@tiptap/starter-kit';

/** An href that is a Liquid output (`{{ unsubscribe_url }}`, `{{ record.website }}`): a merge field. */
export const isLiquidHref = (href: string): boolean => /^\s*\{\{[^{}]*\}\}/.test(href);

/**
 * What a mail template's body may hold: paragraphs, headings, lists, bold, italic, links and
 * line breaks — the rich text an e-mail client shows alike. Links keep the protocols Tiptap
 * allows plus hrefs that are merge fields, and open nothing while editing.
 */
export function mailBodyExtensions(): Extensions {
  return [
    StarterKit.configure({
      heading: { levels: [1, 2, 3] },
      code: false,
      codeBlock: false,
      horizontalRule: false,
      blockquote: false,
      strike: false,
      underline: false,
      link: false,
    }),
    Link.configure({
      openOnClick: false,
      // Typing would turn `record.name` (a `.name` domain) inside `{% if record.name %}` into
      // a link: links come from the toolbar only.
      autolink: false,
      // A mail needs no target or rel; the stored HTML stays what the admin wrote.
      HTMLAttributes: { target: null, rel: null },
      isAllowedUri: (url, { defaultValidate }) => isLiquidHref(url) || defaultValidate(url),
    }),
  ];
}

const entities: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&nbsp;': ' ',
  '&#160;': ' ',
  '&quot;': "'",
};

/**
 * The browser's serializer escapes `<`, `>`, `&` (and `"` in attributes) in text, which would
 * break Liquid's own syntax (`{% if record.amount > 100 %}`, `default: "our team"` in an href).
 * Inside `{{ … }}` and `{% … %}` they are turned back; a double quote inside an attribute
 * becomes Liquid's equivalent single quote, so the attribute stays well formed.
 */
export function liquidSafeHtml(html: string): string {
  return html.replace(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g, (span) =>
    span.replace(/&(?:amp|lt|gt|nbsp|#160|quot);/g, (entity) => entities[entity]!),
  );
}
