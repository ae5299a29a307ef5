import type { ApolloClient } from '@apollo/client/core';
import type { NavigationGuard } from 'vue-router';
import { workspaceSelection } from './workspace-selection';
import { adoptUserLanguage } from './language';
import { adoptBrowserTimeZone, loadMe } from './use-session';

declare module 'vue-router' {
  interface RouteMeta {
    /** Pages for people who are not signed in (sign-in, sign-up). */
    signedOutOnly?: boolean;
    /** Pages a mailed link opens, signed in or not (reset password, verify address). */
    anyone?: boolean;
    /** Open even when the workspace requires two-factor sign-in the user has not set up. */
    withoutTwoFactor?: boolean;
  }
}

/** Where a member is sent whose workspace requires two-factor sign-in. */
export const twoFactorSetupPath = '/account/security';

/** Signed-out users go to /sign-in; signed-in users skip the sign-in and sign-up pages. */
export function createSessionGuard(client: ApolloClient<unknown>): NavigationGuard {
  return async (to) => {
    if (to.meta.anyone) return true;
    const me = await loadMe(client);
    if (!me) {
      if (to.meta.signedOutOnly) return true;
      return { path: '/sign-in', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
    }
    // Before any page queries, so none of them is sent for a workspace the user has left.
    workspaceSelection.keepValid(me.memberships);
    await adoptBrowserTimeZone(client, me);
    await adoptUserLanguage(client, me);
    if (to.meta.signedOutOnly) return '/';
    // The workspace's data is refused until then (TWO_FACTOR_REQUIRED): set it up first.
    if (me.twoFactorRequired && !to.meta.withoutTwoFactor) return twoFactorSetupPath;
    return true;
  };
}
