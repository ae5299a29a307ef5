import { DefaultApolloClient } from '@vue/apollo-composable';
import { createApp } from 'vue';
import App from './App.vue';
import { createApolloClient } from './apollo';
import { createAppRouter } from './router';
import { workspaceSelection } from './auth';
import './styles.css';

const apollo = createApolloClient(() => workspaceSelection.selectedId.value);

createApp(App).provide(DefaultApolloClient, apollo).use(createAppRouter(apollo)).mount('#app');
