import { DefaultApolloClient } from '@vue/apollo-composable';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import { fieldOf, objectOf } from '../../records/testing-metadata';
import { createFakeApollo, graphQLError, type FakeResponder } from '../../testing';
import RuleEditor from './RuleEditor.vue';

const company = objectOf('company', 'companies', [
  { ...fieldOf('name', 'TEXT'), required: true },
  fieldOf('employees', 'NUMBER'),
]);
const task = objectOf('task', 'tasks', [{ ...fieldOf('name', 'TEXT'), required: true }]);

const saved = {
  id: 'r1',
  key: null,
  name: 'Call them',
  description: '',
  objectKey: 'company',
  enabled: true,
  version: 1,
  trigger: { kind: 'RECORD_CREATED' },
  condition: null,
  actions: [],
  disabledReason: null,
  createdAt: '2026-12-03T09:00:00Z',
  updatedAt: '2026-12-03T09:00:00Z',
};

async function mountEditor(onCreate: FakeResponder) {
  const { client, operations } = createFakeApollo((operation) => {
    switch (operation.operationName) {
      case 'Objects':
        return { data: { objects: [company, task] } };
      case 'AdminCreateAutomationRule':
        return onCreate(operation);
      case 'AdminAutomationRule':
        return { data: { automationRule: saved } };
      case 'AutomationRuns':
        return { data: { automationRuns: { nodes: [], endCursor: null, hasNextPage: false } } };
      default:
        return { data: { members: [], automationRules: [] } };
    }
  });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/admin/automation/:id', component: RuleEditor },
      { path: '/admin/automation', component: defineComponent({ render: () => null }) },
    ],
  });
  await router.push('/admin/automation/new?object=company');
  const wrapper = mount(RouterView, {
    global: { plugins: [router], provide: { [DefaultApolloClient]: client } },
  });
  await flushPromises();
  return { wrapper, router, operations };
}

describe('RuleEditor', () => {
  it('sends the rule built in the form and opens the saved rule', async () => {
    const { wrapper, router, operations } = await mountEditor(() => ({
      data: { createAutomationRule: saved },
    }));
    await wrapper.get('[data-testid="rule-name"]').setValue('Call them');
    await wrapper.get('[data-testid="action-add"]').setValue('CREATE_RECORD');
    await wrapper.get('[data-testid="action-object"]').setValue('task');
    await wrapper.get('[data-testid="value-template"]').setValue('Call {{ record.name }}');
    await wrapper.get('[data-testid="rule-form"]').trigger('submit');
    await flushPromises();

    const create = operations.find((o) => o.operationName === 'AdminCreateAutomationRule');
    expect(create?.variables.input).toEqual({
      name: 'Call them',
      description: '',
      objectKey: 'company',
      enabled: true,
      trigger: { kind: 'RECORD_CREATED' },
      condition: null,
      actions: [
        { type: 'CREATE_RECORD', object: 'task', values: { name: { template: 'Call {{ record.name }}' } } },
      ],
    });
    expect(router.currentRoute.value.path).toBe('/admin/automation/r1');
  });

  it('shows a refusal beside the part its path names', async () => {
    const { wrapper, router } = await mountEditor(() =>
      graphQLError('values.employees: a number, not “many”.', {
        code: 'BAD_USER_INPUT',
        argumentPath: ['input', 'actions', '0', 'values', 'employees'],
      }),
    );
    await wrapper.get('[data-testid="rule-name"]').setValue('Update');
    await wrapper.get('[data-testid="action-add"]').setValue('UPDATE_RECORD');
    await wrapper.get('[data-testid="value-add"]').setValue('employees');
    await wrapper.get('[data-testid="rule-form"]').trigger('submit');
    await flushPromises();

    const row = wrapper.get('[data-testid="value-row"][data-field="employees"]');
    expect(row.get('[data-testid="rule-error"]').text()).toBe('values.employees: a number, not “many”.');
    expect(wrapper.find('[data-testid="rule-form-error"]').exists()).toBe(false);
    expect(router.currentRoute.value.path).toBe('/admin/automation/new');
  });
});
