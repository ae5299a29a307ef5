import { DefaultApolloClient } from '@vue/apollo-composable';
import { flushPromises, mount } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import { createMemoryHistory } from 'vue-router';
import { describe, expect, it } from 'vitest';
import { createAppRouter } from '../router';
import { createFakeApollo, signedOut } from '../testing';
import { safeRedirect, useSession } from './use-session';

const ann = { __typename: 'User', id: 'u1', name: 'Ann', email: 'ann@example.com' };

describe('useSession', () => {
  it('signing out forgets the user and goes to /sign-in', async () => {
    let signedIn = true;
    const { client } = createFakeApollo((operation) => {
      if (operation.operationName === 'SignOut') {
        signedIn = false;
        return { data: { signOut: true } };
      }
      return signedIn ? { data: { me: { __typename: 'Me', user: ann, memberships: [] } } } : signedOut;
    });
    const router = createAppRouter(client, createMemoryHistory());
    await router.push('/');
    let session!: ReturnType<typeof useSession>;
    const Harness = defineComponent({
      setup() {
        session = useSession();
        return () => h('div');
      },
    });
    mount(Harness, { global: { plugins: [router], provide: { [DefaultApolloClient]: client } } });
    await flushPromises();
    expect(session.user.value?.name).toBe('Ann');

    await session.signOut();
    await flushPromises();

    expect(session.user.value).toBeNull();
    expect(router.currentRoute.value.path).toBe('/sign-in');
  });
});

describe('safeRedirect', () => {
  it('keeps paths inside the app and refuses anything else', () => {
    expect(safeRedirect('/records/1?view=board')).toBe('/records/1?view=board');
    expect(safeRedirect('//evil.example')).toBe('/');
    expect(safeRedirect('/\\evil.example')).toBe('/');
    expect(safeRedirect('https://evil.example')).toBe('/');
    expect(safeRedirect(undefined)).toBe('/');
  });
});
