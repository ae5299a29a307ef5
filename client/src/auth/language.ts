import type { ApolloClient } from '@apollo/client/core';
import { isLanguage } from '@crm/contracts';
import { currentLanguage, displayTimeZone, switchLanguage, type Language } from '../i18n';
import { ME_QUERY, SET_LANGUAGE, type Me } from './operations';

/** Users whose language this tab has settled: each sign-in is looked at once. */
const settled = new Set<string>();

/**
 * Brings the interface to the user's language once per sign-in. A user who never chose one
 * keeps what this browser shows (its language, or the choice made on the sign-in page), and
 * the server is told, so labels and mails follow it.
 */
export async function adoptUserLanguage(client: ApolloClient<unknown>, me: Me): Promise<void> {
  displayTimeZone.value = me.timeZone ?? undefined;
  if (settled.has(me.user.id)) return;
  settled.add(me.user.id);
  if (isLanguage(me.language)) {
    if (me.language !== currentLanguage.value) await switchLanguage(me.language);
    return;
  }
  try {
    await saveLanguage(client, currentLanguage.value, { refetch: false });
  } catch {
    // The server keeps its default; the account page can set it.
  }
}

/**
 * Stores the user's language, shows the interface in it, and asks again the queries that hold
 * labels in the previous one (objects, fields, stages and views come in the caller's language).
 */
export async function saveLanguage(
  client: ApolloClient<unknown>,
  language: Language,
  options: { refetch: boolean } = { refetch: true },
): Promise<void> {
  await client.mutate({
    mutation: SET_LANGUAGE,
    variables: { language },
    update: (cache, { data }) => {
      if (!data) return;
      cache.updateQuery({ query: ME_QUERY }, (cached) =>
        cached?.me ? { me: { ...cached.me, language: data.setLanguage } } : undefined,
      );
    },
  });
  await switchLanguage(language);
  if (options.refetch) await client.refetchQueries({ include: 'active' });
}
