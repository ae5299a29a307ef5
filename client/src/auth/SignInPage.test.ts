import { DefaultApolloClient } from '@vue/apollo-composable';
import { flushPromises, mount } from '@vue/test-utils';
import { createMemoryHistory } from 'vue-router';
import { describe, expect, it } from 'vitest';
import { createAppRouter } from '../router';
import { createFakeApollo, graphQLError, signedOut, type FakeResponder } from '../testing';
import SignInPage from './SignInPage.vue';

async function mountSignIn(answerSignIn: FakeResponder) {
  const { client } = createFakeApollo((operation) =>
    operation.operationName === 'SignIn' ? answerSignIn(operation) : signedOut,
  );
  const router = createAppRouter(client, createMemoryHistory());
  await router.push('/sign-in');
  const wrapper = mount(SignInPage, {
    global: { plugins: [router], provide: { [DefaultApolloClient]: client } },
  });
  return { wrapper, router };
}

async function submitCredentials(wrapper: Awaited<ReturnType<typeof mountSignIn>>['wrapper']) {
  await wrapper.get('[data-testid="sign-in-email"]').setValue('ann@example.com');
  await wrapper.get('[data-testid="sign-in-password"]').setValue('not the password');
  await wrapper.get('[data-testid="sign-in-form"]').trigger('submit');
  await flushPromises();
}

describe('SignInPage', () => {
  it('shows the server’s message when sign-in is refused', async () => {
    const { wrapper, router } = await mountSignIn(() =>
      graphQLError('Wrong e-mail or password.', { code: 'UNAUTHENTICATED' }),
    );

    await submitCredentials(wrapper);

    expect(wrapper.get('[data-testid="sign-in-error"]').text()).toBe('Wrong e-mail or password.');
    expect(wrapper.get('[data-testid="sign-in-submit"]').attributes('disabled')).toBeUndefined();
    expect(router.currentRoute.value.path).toBe('/sign-in');
  });

  it('shows a field error next to the input it names', async () => {
    const { wrapper } = await mountSignIn(() =>
      graphQLError('email is too long', { code: 'BAD_USER_INPUT', field: 'email' }),
    );

    await submitCredentials(wrapper);

    expect(wrapper.get('[data-testid="sign-in-email-error"]').text()).toBe('email is too long');
    expect(wrapper.find('[data-testid="sign-in-error"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="sign-in-password-error"]').exists()).toBe(false);
  });

  it('sends the credentials and enters the app once signed in', async () => {
    let signedIn = false;
    const { client } = createFakeApollo((operation) => {
      if (operation.operationName === 'SignIn') {
        signedIn = operation.variables.input.password === 'a long password';
        return { data: { signIn: { __typename: 'AuthPayload', user: ann, workspace: null } } };
      }
      return signedIn ? { data: { me: { __typename: 'Me', user: ann, memberships: [] } } } : signedOut;
    });
    const router = createAppRouter(client, createMemoryHistory());
    await router.push('/sign-in');
    const wrapper = mount(SignInPage, {
      global: { plugins: [router], provide: { [DefaultApolloClient]: client } },
    });

    await wrapper.get('[data-testid="sign-in-email"]').setValue('ann@example.com');
    await wrapper.get('[data-testid="sign-in-password"]').setValue('a long password');
    await wrapper.get('[data-testid="sign-in-form"]').trigger('submit');
    await flushPromises();

    expect(router.currentRoute.value.path).toBe('/');
  });
});

const ann = { __typename: 'User', id: 'u1', name: 'Ann', email: 'ann@example.com' };
