import { defaultLanguage, isLanguage, languages, preferredLanguage, type Language } from '@crm/contracts';
import { ref } from 'vue';
import { createI18n } from 'vue-i18n';
import { bundle, type MessageTree } from './messages';

/**
 * vue-i18n (Composition API mode): English is in the main chunk, the other languages are
 * chunks of their own, loaded when chosen. Keys are `<feature file>.<key>` (`records.table.empty`).
 */
const english = import.meta.glob<MessageTree>('./locales/en/*.ts', { eager: true, import: 'default' });
const translations = import.meta.glob<MessageTree>(['./locales/*/*.ts', '!./locales/en/*.ts'], {
  import: 'default',
});

/** Keys asked for but absent in the current language (`de:records.save`), for the untranslated check. */
export const missingMessages = new Set<string>();

export const i18n = createI18n({
  legacy: false,
  globalInjection: true,
  locale: defaultLanguage,
  fallbackLocale: defaultLanguage,
  messages: { [defaultLanguage]: bundle(english) },
  missingWarn: false,
  fallbackWarn: false,
  missing: (locale, key) => {
    missingMessages.add(`${locale}:${key}`);
  },
});

/**
 * English messages the current language words differently (whole sentences without
 * placeholders): one of them on screen is a string that missed translation.
 */
export function untranslatedCandidates(): string[] {
  const english = leaves(i18n.global.getLocaleMessage(defaultLanguage) as MessageTree);
  const current = leaves(i18n.global.getLocaleMessage(i18n.global.locale.value) as MessageTree);
  // A word both languages write alike ("Note" in Italian) is not a miss.
  const words = new Set(current.values());
  return [...english]
    .filter(([key, text]) => text.length >= 4 && !/[{}|@]/.test(text) && current.get(key) !== text)
    .map(([, text]) => text)
    .filter((text) => !words.has(text));
}

function leaves(tree: MessageTree, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(tree ?? {})) {
    if (typeof value === 'string') out.set(`${prefix}${key}`, value);
    else leaves(value, `${prefix}${key}.`, out);
  }
  return out;
}

if (typeof window !== 'undefined') {
  // Read by the browser tests that walk the screens in each language (tests/browser/languages.test.ts).
  Object.assign(window, {
    __missingMessages: missingMessages,
    __untranslatedCandidates: untranslatedCandidates,
  });
}

/** The language shown now; formats (./format.ts) follow it. */
export const currentLanguage = ref<Language>(defaultLanguage);

const storageKey = 'crm.language';

/** The language to start in: this browser's last choice, else its preferred languages, else English. */
export function startingLanguage(): Language {
  const stored = safeStorage()?.getItem(storageKey);
  if (isLanguage(stored)) return stored;
  if (typeof navigator === 'undefined') return defaultLanguage;
  return preferredLanguage(navigator.languages ?? [navigator.language]) ?? defaultLanguage;
}

async function loadMessages(language: Language): Promise<void> {
  if (i18n.global.availableLocales.includes(language)) return;
  const prefix = `./locales/${language}/`;
  const loaders = Object.entries(translations).filter(([path]) => path.startsWith(prefix));
  const files = await Promise.all(loaders.map(async ([path, load]) => [path, await load()] as const));
  i18n.global.setLocaleMessage(language, bundle(Object.fromEntries(files)));
}

/** Shows the interface in `language` (loading its messages first) and remembers it in this browser. */
export async function switchLanguage(language: Language): Promise<void> {
  await loadMessages(language);
  i18n.global.locale.value = language;
  currentLanguage.value = language;
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  safeStorage()?.setItem(storageKey, language);
}

export { languages, type Language };

function safeStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}
