import { DefaultApolloClient } from '@vue/apollo-composable';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { fieldOf, objectOf } from '../../records/testing-metadata';
import { createFakeApollo } from '../../testing';
import ActionList from './ActionList.vue';
import { provideRuleErrors } from './editor-context';
import type { RuleAction } from './operations';
import { actionDraftOf, actionOf, type ActionDraft } from './rule-form';

const company = objectOf('company', 'companies', [
  fieldOf('name', 'TEXT'),
  fieldOf('employees', 'NUMBER'),
  fieldOf('owner', 'USER'),
]);
const task = objectOf('task', 'tasks', [
  { ...fieldOf('name', 'TEXT'), required: true },
  fieldOf('dueAt', 'DATETIME'),
]);
const objects = [company, task];

const members = {
  data: {
    members: [
      {
        __typename: 'Member',
        role: 'ADMIN',
        joinedAt: '2026-01-01T00:00:00Z',
        user: { __typename: 'User', id: 'u1', name: 'Ada', email: 'ada@example.com' },
      },
    ],
  },
};

function mountList(actions: RuleAction[], error: { path: string; message: string } | null = null) {
  const { client } = createFakeApollo(() => members);
  const list = ref<ActionDraft[]>(actions.map(actionDraftOf));
  const Host = defineComponent({
    setup() {
      provideRuleErrors((path) => (error && error.path === path ? error.message : null));
      return () =>
        h(ActionList, {
          modelValue: list.value,
          'onUpdate:modelValue': (next: ActionDraft[]) => (list.value = next),
          object: company,
          objects,
          path: 'actions',
        });
    },
  });
  const wrapper = mount(Host, { global: { provide: { [DefaultApolloClient]: client } } });
  return { wrapper, list, rule: () => list.value.map((a) => actionOf(a, company, objects)) };
}

describe('ActionList', () => {
  it('renders a form for every action type and keeps what it was given', async () => {
    const actions: RuleAction[] = [
      { type: 'CREATE_RECORD', object: 'task', values: { name: { template: 'Call {{ record.name }}' } } },
      { type: 'UPDATE_RECORD', values: { employees: { value: 3 } } },
      { type: 'ASSIGN', field: 'owner', mode: 'ROUND_ROBIN', userIds: ['u1'] },
      { type: 'MOVE_STAGE', stage: 'won' },
      { type: 'ADD_COMMENT', body: 'Hi' },
      { type: 'NOTIFY', recipients: { fields: ['owner'] }, message: 'New' },
      { type: 'SEND_EMAIL', to: { address: 'a@example.com' }, subject: 'S', body: 'B' },
      { type: 'CALL_WEBHOOK', url: 'https://example.com' },
      { type: 'WAIT', minutes: 120 },
      {
        type: 'BRANCH',
        condition: { employees: { gt: 10 } },
        then: [{ type: 'ADD_COMMENT', body: 'Big' }],
      },
    ];
    const { wrapper, rule } = mountList(actions);
    await flushPromises();
    expect(wrapper.findAll('[data-testid="action-item"]')).toHaveLength(11);
    expect(wrapper.get('[data-testid="value-template"]').element).toHaveProperty(
      'value',
      'Call {{ record.name }}',
    );
    expect(rule()).toEqual(actions);
  });

  it('adds, reorders and removes actions', async () => {
    const { wrapper, rule } = mountList([{ type: 'ADD_COMMENT', body: 'First' }]);
    const add = wrapper.findAll('[data-testid="action-add"]').at(-1)!;
    await add.setValue('WAIT');
    expect(rule().map((a) => a.type)).toEqual(['ADD_COMMENT', 'WAIT']);
    await wrapper.findAll('[data-testid="action-up"]')[1]!.trigger('click');
    expect(rule().map((a) => a.type)).toEqual(['WAIT', 'ADD_COMMENT']);
    await wrapper.findAll('[data-testid="action-remove"]')[0]!.trigger('click');
    expect(rule()).toEqual([{ type: 'ADD_COMMENT', body: 'First' }]);
  });

  it('inserts a merge field where the cursor is', async () => {
    const { wrapper, rule } = mountList([{ type: 'ADD_COMMENT', body: 'Hello !' }]);
    const body = wrapper.get('[data-testid="action-body"]').element as HTMLTextAreaElement;
    body.setSelectionRange(6, 6);
    await wrapper.get('[data-testid="merge-field"]').setValue('{{ record.name }}');
    expect(rule()).toEqual([{ type: 'ADD_COMMENT', body: 'Hello {{ record.name }}!' }]);
  });

  it('shows the server’s message beside the value it names', async () => {
    const { wrapper } = mountList(
      [{ type: 'UPDATE_RECORD', values: { name: { value: 'x' }, employees: { value: 'many' } } }],
      { path: 'actions.0.values.employees', message: 'employees: a number' },
    );
    const row = wrapper.get('[data-testid="value-row"][data-field="employees"]');
    expect(row.get('[data-testid="rule-error"]').text()).toBe('employees: a number');
    expect(wrapper.findAll('[data-testid="rule-error"]')).toHaveLength(1);
  });
});
