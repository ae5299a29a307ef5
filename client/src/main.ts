import { DefaultApolloClient } from '@vue/apollo-composable';
import { createApp } from 'vue';
import App from './App.vue';
import { createApolloClient } from './apollo';
import { createAppRouter } from './router';
import { twoFactorSetupPath, workspaceSelection } from './auth';
import './styles.css';

const apollo = createApolloClient(() => workspaceSelection.selectedId.value, {
  onTwoFactorRequired: () => void router.push(twoFactorSetupPath),
});
const router = createAppRouter(apollo);

createApp(App).provide(DefaultApolloClient, apollo).use(router).mount('#app');
