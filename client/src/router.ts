import type { ApolloClient } from '@apollo/client/core';
import { createRouter, createWebHistory, type RouteRecordRaw, type RouterHistory } from 'vue-router';
import { adminRoutes } from './admin/routes';
import {
  createSessionGuard,
  ForgotPasswordPage,
  ResetPasswordPage,
  SignInPage,
  SignUpPage,
  VerifyEmailPage,
} from './auth';
import { boardRoutes } from './boards/routes';
import { duplicateRoutes } from './duplicates/routes';
import { importRoutes } from './imports/routes';
import { reportRoutes } from './reports/routes';
import AppShell from './shell/AppShell.vue';
import MyDayPage from './myday/MyDayPage.vue';

// Record pages load on demand (the co-editor is the largest part of the client).
const RecordTablePage = () => import('./records/table/RecordTablePage.vue');
const RecordPage = () => import('./records/record/RecordPage.vue');
const AccountPage = () => import('./account/AccountPage.vue');
const SecurityPage = () => import('./account/SecurityPage.vue');
const CalendarPage = () => import('./calendar/CalendarPage.vue');
const NewLeadPage = () => import('./leads/NewLeadPage.vue');

/**
 * The workspace shell (sidebar, search, user menu) holds every signed-in page. The
 * workspace is the stored selection (see auth/workspace-selection.ts), so paths
 * are relative to it: `/objects/company`, `/objects/company/<id>`, `/board/deal`, `/admin`.
 */
export const routes: RouteRecordRaw[] = [
  {
    path: '/',
    component: AppShell,
    children: [
      // `/my-day` and `/new-lead` are the installed app's quick actions (vite.config.ts, manifest shortcuts).
      { path: '', alias: 'my-day', name: 'home', component: MyDayPage },
      { path: 'new-lead', name: 'new-lead', component: NewLeadPage },
      { path: 'objects/:object', name: 'records', component: RecordTablePage },
      ...importRoutes,
      { path: 'objects/:object/:id', name: 'record', component: RecordPage },
      { path: 'account', name: 'account', component: AccountPage },
      { path: 'calendar/:object', name: 'calendar', component: CalendarPage },
      ...boardRoutes,
      ...duplicateRoutes,
      ...reportRoutes,
      ...adminRoutes,
    ],
  },
  { path: '/account/security', name: 'security', component: SecurityPage, meta: { withoutTwoFactor: true } },
  { path: '/sign-in', component: SignInPage, meta: { signedOutOnly: true } },
  { path: '/sign-up', component: SignUpPage, meta: { signedOutOnly: true } },
  { path: '/forgot-password', component: ForgotPasswordPage, meta: { signedOutOnly: true } },
  { path: '/reset-password', component: ResetPasswordPage, meta: { anyone: true } },
  { path: '/verify-email', component: VerifyEmailPage, meta: { anyone: true } },
  { path: '/:unknown(.*)*', redirect: '/' },
];

export function createAppRouter(client: ApolloClient<unknown>, history: RouterHistory = createWebHistory()) {
  const router = createRouter({ history, routes });
  router.beforeEach(createSessionGuard(client));
  return router;
}
