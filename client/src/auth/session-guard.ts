import type { ApolloClient } from '@apollo/client/core';
import type { NavigationGuard } from 'vue-router';
import { workspaceSelection } from './workspace-selection';
import { adoptBrowserTimeZone, loadMe } from './use-session';

declare module 'vue-router' {
  interface RouteMeta {
    /** Pages for people who are not signed in (sign-in, sign-up). */
    signedOutOnly?: boolean;
    /** Pages a mailed link opens, signed in or not (reset password, verify address). */
    anyone?: boolean;
  }
}

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
    return to.meta.signedOutOnly ? '/' : true;
  };
}
