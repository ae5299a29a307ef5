/**
 * The interface languages, as BCP 47 primary tags. The client ships messages for each; the
 * server stores a user's choice and answers metadata labels in it, with the default as fallback.
 */
export const languages = ['en', 'de', 'it', 'zh'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'en';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/**
 * The best supported language for an Accept-Language header or a browser's language list
 * (`de-CH,de;q=0.9,en;q=0.8` → `de`; `zh-Hans-CN` → `zh`), else undefined.
 */
export function preferredLanguage(accepted: string | readonly string[] | undefined): Language | undefined {
  const entries = typeof accepted === 'string' ? parseAcceptLanguage(accepted) : (accepted ?? []);
  for (const entry of entries) {
    const primary = entry.trim().toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return undefined;
}

function parseAcceptLanguage(header: string): string[] {
  return header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag ?? '', q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((entry) => entry.tag !== '' && entry.tag !== '*' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag);
}
