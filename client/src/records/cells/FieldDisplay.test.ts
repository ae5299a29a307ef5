import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { fieldOf } from '../testing-metadata';
import FieldDisplay from './FieldDisplay.vue';

const shown = (field: ReturnType<typeof fieldOf>, value: unknown) =>
  mount(FieldDisplay, { props: { field, value } }).text();

describe('FieldDisplay of numbers', () => {
  it('groups thousands by default and shows a NUMBER set not to group as it is', () => {
    expect(shown(fieldOf('price', 'NUMBER'), 12500)).toBe('12,500');
    expect(shown(fieldOf('year', 'NUMBER', { grouping: false }), 2018)).toBe('2018');
    expect(shown(fieldOf('year', 'NUMBER', { grouping: true }), 2018)).toBe('2,018');
  });
});
