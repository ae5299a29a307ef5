import { DefaultApolloClient } from '@vue/apollo-composable';
import { registerSW } from 'virtual:pwa-register';
import { createApp } from 'vue';
import App from './App.vue';
import { createApolloClient } from './apollo';
import { createAppRouter } from './router';
import { twoFactorSetupPath, workspaceSelection } from './auth';
import { i18n, startingLanguage, switchLanguage } from './i18n';
import { forgetCopiesOnSignOut, restoreOfflineSession } from './offline';
import './styles.css';

const apollo = createApolloClient(() => workspaceSelection.selectedId.value, {
  onTwoFactorRequired: () => void router.push(twoFactorSetupPath),
});
forgetCopiesOnSignOut(apollo);
const router = createAppRouter(apollo);

// Opened offline, the saved session goes into the cache before the router's guard asks for it;
// the language's messages are loaded first, so no screen shows in one language and then another.
void Promise.allSettled([
  restoreOfflineSession(apollo, workspaceSelection.selectedId.value),
  switchLanguage(startingLanguage()),
]).finally(() => createApp(App).provide(DefaultApolloClient, apollo).use(i18n).use(router).mount('#app'));

// The service worker (vite.config.ts) keeps the app shell for offline starts and installs.
registerSW({ immediate: true });
