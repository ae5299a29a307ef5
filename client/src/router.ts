import type { ApolloClient } from '@apollo/client/core';
import { createRouter, createWebHistory, type RouteRecordRaw, type RouterHistory } from 'vue-router';
import { createSessionGuard } from './auth/session-guard';
import SignInPage from './auth/SignInPage.vue';
import SignUpPage from './auth/SignUpPage.vue';
import HomePage from './workspaces/HomePage.vue';

export const routes: RouteRecordRaw[] = [
  { path: '/', component: HomePage },
  { path: '/sign-in', component: SignInPage, meta: { signedOutOnly: true } },
  { path: '/sign-up', component: SignUpPage, meta: { signedOutOnly: true } },
  { path: '/:unknown(.*)*', redirect: '/' },
];

export function createAppRouter(client: ApolloClient<unknown>, history: RouterHistory = createWebHistory()) {
  const router = createRouter({ history, routes });
  router.beforeEach(createSessionGuard(client));
  return router;
}
