import { ApolloError } from '@apollo/client/core';
import { flushPromises, mount } from '@vue/test-utils';
import { GraphQLError } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { fieldOf } from '../testing-metadata';
import EditableField from './EditableField.vue';

function mountField(save: (input: unknown) => Promise<unknown>, unsaved = vi.fn()) {
  const wrapper = mount(EditableField, {
    props: {
      field: fieldOf('name', 'TEXT'),
      value: 'Old',
      objects: [],
      canEdit: true,
      save,
      testid: 'cell',
      unsaved,
    },
  });
  return { wrapper, unsaved };
}

describe('EditableField', () => {
  it('saves what was typed when it leaves the page mid-edit (a row scrolled away)', async () => {
    const save = vi.fn(() => Promise.resolve());
    const { wrapper } = mountField(save);
    await wrapper.find('[data-testid="cell"]').trigger('click');
    await wrapper.find('input').setValue('New name');
    wrapper.unmount();
    await flushPromises();
    expect(save).toHaveBeenCalledWith('New name');
  });

  it('reports a refusal that arrives after it left the page', async () => {
    const refusal = new GraphQLError('Name is taken.', { extensions: { code: 'BAD_USER_INPUT' } });
    const save = vi.fn(() => Promise.reject(new ApolloError({ graphQLErrors: [refusal] })));
    const { wrapper, unsaved } = mountField(save);
    await wrapper.find('[data-testid="cell"]').trigger('click');
    await wrapper.find('input').setValue('Taken');
    wrapper.unmount();
    await flushPromises();
    expect(unsaved).toHaveBeenCalledWith(expect.stringContaining('Name is taken'));
  });

  it('saves nothing when nothing was typed', async () => {
    const save = vi.fn(() => Promise.resolve());
    const { wrapper } = mountField(save);
    await wrapper.find('[data-testid="cell"]').trigger('click');
    wrapper.unmount();
    await flushPromises();
    expect(save).not.toHaveBeenCalled();
  });
});
