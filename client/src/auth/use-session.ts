import type { ApolloClient } from '@apollo/client/core';
import { useApolloClient, useQuery } from '@vue/apollo-composable';
import { computed } from 'vue';
import { useRouter, type LocationQueryValue } from 'vue-router';
import { displayTimeZone } from '../i18n';
import { workspaceSelection } from './workspace-selection';
import {
  ME_QUERY,
  SET_TIME_ZONE,
  SIGN_IN_MUTATION,
  SIGN_IN_WITH_CODE,
  SIGN_OUT_MUTATION,
  SIGN_UP_MUTATION,
  type Me,
  type SignInInput,
  type SignUpInput,
} from './operations';

/** The signed-in user and their memberships, from the `me` query; null when signed out. */
export function useMe() {
  const { result, loading, error } = useQuery(ME_QUERY);
  const me = computed(() => result.value?.me ?? null);
  return {
    user: computed(() => me.value?.user ?? null),
    memberships: computed(() => me.value?.memberships ?? []),
    /** The user's time zone; the browser's until the server has one. */
    timeZone: computed(() => me.value?.timeZone ?? browserTimeZone()),
    /** The selected workspace refuses its data until the user sets up two-factor sign-in. */
    twoFactorRequired: computed(() => me.value?.twoFactorRequired ?? false),
    loading,
    error,
  };
}

export function useSession() {
  const client = useApolloClient().resolveClient();
  const router = useRouter();
  const { user, memberships, loading } = useMe();
  return { user, memberships, loading, signIn, signInWithCode, signUp, signOut };

  /** Signs in, or answers the token of the second step when the account asks for a code. */
  async function signIn(input: SignInInput): Promise<string | null> {
    const { data } = await client.mutate({ mutation: SIGN_IN_MUTATION, variables: { input } });
    const token = data?.signIn.twoFactorToken ?? null;
    if (!token) await enterApp();
    return token;
  }

  async function signInWithCode(token: string, code: string) {
    await client.mutate({ mutation: SIGN_IN_WITH_CODE, variables: { token, code } });
    await enterApp();
  }

  async function signUp(input: SignUpInput) {
    const { data } = await client.mutate({ mutation: SIGN_UP_MUTATION, variables: { input } });
    const workspace = data?.signUp.workspace;
    if (workspace) workspaceSelection.select(workspace.id);
    await enterApp();
  }

  async function signOut() {
    await client.mutate({ mutation: SIGN_OUT_MUTATION });
    // Nothing the previous user could read may stay in memory.
    await client.clearStore();
    // clearStore leaves watching queries on their last answer: ask `me` again so the top bar empties.
    await client.refetchQueries({ include: [ME_QUERY] });
    await router.push('/sign-in');
  }

  async function enterApp() {
    // Refetches `me` (and anything else watching) with the new session cookie.
    await client.resetStore();
    await router.push(safeRedirect(router.currentRoute.value.query.redirect));
  }
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Users whose zone this tab tried to set: a refusal is not retried on every navigation. */
const adoptionTried = new Set<string>();

/** A user who never chose a time zone gets the browser's, once, so "today" is their day. */
export async function adoptBrowserTimeZone(client: ApolloClient<unknown>, me: Me): Promise<void> {
  if (me.timeZone !== null || adoptionTried.has(me.user.id)) return;
  adoptionTried.add(me.user.id);
  try {
    await saveTimeZone(client, browserTimeZone());
  } catch {
    // A zone the server does not know keeps UTC; the account page can set another.
  }
}

/**
 * Sets the user's time zone and writes it into the cached `me`. A refetch would not do: on the
 * first visit no watched query holds `me` yet (the router loads it with a plain query), so
 * `refetchQueries` refetched nothing and the cache kept `timeZone: null`, and live lists read
 * "today" in UTC (records/live/relative-values.ts) while the server read it in the new zone.
 */
export async function saveTimeZone(client: ApolloClient<unknown>, timeZone: string): Promise<string> {
  const { data } = await client.mutate({
    mutation: SET_TIME_ZONE,
    variables: { timeZone },
    update: (cache, { data: saved }) => {
      if (!saved) return;
      cache.updateQuery({ query: ME_QUERY }, (cached) =>
        cached?.me ? { me: { ...cached.me, timeZone: saved.setTimeZone } } : undefined,
      );
    },
  });
  displayTimeZone.value = data!.setTimeZone;
  return data!.setTimeZone;
}

/** Loads the session once (cache-first); an unreachable server counts as signed out. */
export async function loadMe(client: ApolloClient<unknown>): Promise<Me | null> {
  try {
    const { data } = await client.query({ query: ME_QUERY });
    return data.me;
  } catch {
    return null;
  }
}

/** Only a path inside this app, so a crafted link cannot send someone elsewhere after sign-in. */
export function safeRedirect(redirect: LocationQueryValue | LocationQueryValue[] | undefined): string {
  return typeof redirect === 'string' && /^\/(?![/\\])/.test(redirect) ? redirect : '/';
}
