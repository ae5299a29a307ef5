import { DefaultApolloClient } from '@vue/apollo-composable';
import { flushPromises, mount } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { workspaceHeaderLink } from '../apollo';
import { createFakeApollo } from '../testing';
import { useWorkspace } from './use-workspace';
import { createWorkspaceSelection, workspaceSelection, workspaceStorageKey } from '../auth';

const membership = (id: string, name: string, role: string) => ({
  __typename: 'Membership',
  role,
  workspace: { __typename: 'Workspace', id, name },
});

const me = {
  __typename: 'Me',
  user: { __typename: 'User', id: 'u1', name: 'Ann', email: 'ann@example.com' },
  memberships: [membership('w1', 'Acme', 'OWNER'), membership('w2', 'Globex', 'VIEWER')],
};

function mountWorkspace() {
  const { client, operations } = createFakeApollo(
    () => ({ data: { me } }),
    workspaceHeaderLink(() => workspaceSelection.selectedId.value),
  );
  let api!: ReturnType<typeof useWorkspace>;
  const Harness = defineComponent({
    setup() {
      api = useWorkspace();
      return () => h('div');
    },
  });
  mount(Harness, { global: { provide: { [DefaultApolloClient]: client } } });
  const lastHeader = () => operations.at(-1)?.getContext().headers?.['x-workspace-id'];
  return { api, lastHeader };
}

describe('useWorkspace', () => {
  beforeEach(() => workspaceSelection.select(null));
  afterEach(() => localStorage.clear());

  it('persists the selection so a reload keeps it', () => {
    workspaceSelection.select('w2');

    expect(localStorage.getItem(workspaceStorageKey)).toBe('w2');
    expect(createWorkspaceSelection(localStorage).selectedId.value).toBe('w2');
  });

  it('keeps a stored workspace the user still belongs to and sends it as the header', async () => {
    workspaceSelection.select('w2');
    const { api, lastHeader } = mountWorkspace();
    await flushPromises();

    expect(api.current.value?.workspace.name).toBe('Globex');
    expect(api.current.value?.role).toBe('VIEWER');
    expect(lastHeader()).toBe('w2');
  });

  it('falls back to the first membership when nothing is stored', async () => {
    const { api, lastHeader } = mountWorkspace();
    await flushPromises();

    expect(api.current.value?.workspace.id).toBe('w1');
    expect(localStorage.getItem(workspaceStorageKey)).toBe('w1');
    expect(lastHeader()).toBeUndefined();
  });

  it('replaces a stale stored workspace by the first membership and refetches for it', async () => {
    workspaceSelection.select('a-workspace-the-user-left');
    const { api, lastHeader } = mountWorkspace();
    await flushPromises();

    expect(api.current.value?.workspace.id).toBe('w1');
    expect(localStorage.getItem(workspaceStorageKey)).toBe('w1');
    expect(lastHeader()).toBe('w1');
  });

  it('switching stores the choice and refetches with the new header', async () => {
    const { api, lastHeader } = mountWorkspace();
    await flushPromises();

    await api.switchWorkspace('w2');
    await flushPromises();

    expect(api.current.value?.workspace.name).toBe('Globex');
    expect(localStorage.getItem(workspaceStorageKey)).toBe('w2');
    expect(lastHeader()).toBe('w2');
  });
});
