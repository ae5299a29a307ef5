import { describe, expect, it } from 'vitest';
import { shortcutFor } from './shortcuts';

const press = (key: string, inField = false) => ({ key, inField });

describe('shortcutFor', () => {
  it('maps single keys outside inputs', () => {
    expect(shortcutFor(press('/'), null)).toBe('search');
    expect(shortcutFor(press('n'), null)).toBe('new-record');
    expect(shortcutFor(press('x'), null)).toBeNull();
  });

  it('ignores typing in a field, except Escape', () => {
    expect(shortcutFor(press('n', true), null)).toBeNull();
    expect(shortcutFor(press('/', true), null)).toBeNull();
    expect(shortcutFor(press('Escape', true), null)).toBe('close');
  });

  it('reads g sequences', () => {
    expect(shortcutFor(press('h'), 'g')).toBe('go-home');
    expect(shortcutFor(press('3'), 'g')).toBe('go-object-3');
    expect(shortcutFor(press('n'), 'g')).toBeNull();
  });

  it('leaves modified keys to the browser', () => {
    expect(shortcutFor({ key: 'n', ctrlKey: true, inField: false }, null)).toBeNull();
  });
});
