import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import RichTextEditor from './RichTextEditor.vue';

// The rich view and the HTML view are one value: edits in either reach the other, and a merge
// field goes in where the view in use has its cursor.
function mountEditor(html: string) {
  return mount(RichTextEditor, {
    props: {
      modelValue: html,
      label: 'Body',
      testid: 'body',
      'onUpdate:modelValue': (value: string) => wrapper.setProps({ modelValue: value }),
    },
    attachTo: document.body,
  });
}
let wrapper: ReturnType<typeof mountEditor>;

const emitted = () => (wrapper.emitted('update:modelValue') ?? []).map(([value]) => value);

describe('RichTextEditor', () => {
  it('shows the HTML source and takes edits from it back into the rich view', async () => {
    wrapper = mountEditor('<p>Hi {{ record.name }}</p>');
    await flushPromises();
    expect(wrapper.get('[data-testid="body"]').html()).toContain('Hi {{ record.name }}');
    await wrapper.get('[data-testid="rich-text-source"]').trigger('click');
    const source = wrapper.get<HTMLTextAreaElement>('[data-testid="body-source"]');
    expect(source.element.value).toBe('<p>Hi {{ record.name }}</p>');
    await source.setValue('<h2>Offer</h2><p>{% if record.amount > 100 %}Big{% endif %}</p>');
    // Stored as typed.
    expect(emitted().at(-1)).toBe('<h2>Offer</h2><p>{% if record.amount > 100 %}Big{% endif %}</p>');
    await wrapper.get('[data-testid="rich-text-source"]').trigger('click');
    await nextTick();
    expect(wrapper.get('[data-testid="body"]').html()).toContain('<h2>Offer</h2>');
    wrapper.unmount();
  });

  it('inserts a merge field at the source view’s cursor', async () => {
    wrapper = mountEditor('<p>Dear ,</p>');
    await flushPromises();
    await wrapper.get('[data-testid="rich-text-source"]').trigger('click');
    const source = wrapper.get<HTMLTextAreaElement>('[data-testid="body-source"]');
    source.element.setSelectionRange(8, 8);
    await (wrapper.vm as unknown as { insert(text: string): Promise<void> }).insert('{{ record.name }}');
    expect(emitted().at(-1)).toBe('<p>Dear {{ record.name }},</p>');
    wrapper.unmount();
  });

  it('inserts a merge field at the rich view’s selection as text', async () => {
    wrapper = mountEditor('<p><strong>Dear</strong></p>');
    await flushPromises();
    await (wrapper.vm as unknown as { insert(text: string): Promise<void> }).insert(' {{ record.name }}');
    expect(emitted().at(-1)).toMatch(/\{\{ record\.name \}\}/);
    expect(emitted().at(-1)).not.toContain('&');
    wrapper.unmount();
  });
});
