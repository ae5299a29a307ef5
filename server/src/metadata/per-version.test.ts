import { describe, expect, it } from 'vitest';
import type { ObjectDef, WorkspaceMetadata } from './model.js';
import { markShared, PerObject } from './per-version.js';

const object = (key: string) => ({ id: key, key, fields: [] }) as unknown as ObjectDef;
const metadata = (objects: ObjectDef[]) =>
  ({ workspaceId: 'w', version: 1, schema: 'ws_w', objects }) as unknown as WorkspaceMetadata;

describe('PerObject', () => {
  it('keeps what it makes for shared metadata, by object and key', () => {
    const a = object('a');
    const b = object('b');
    const shared = markShared(metadata([a, b]));
    const kept = new PerObject<string>(10);
    let made = 0;
    const make = (text: string) => () => `${text}${++made}`;
    expect(kept.get(shared, a, 'x', make('ax'))).toBe('ax1');
    expect(kept.get(shared, a, 'x', make('ax'))).toBe('ax1');
    expect(kept.get(shared, a, 'y', make('ay'))).toBe('ay2');
    expect(kept.get(shared, b, 'x', make('bx'))).toBe('bx3');
    expect(made).toBe(3);
  });

  it('makes it anew every time for a copy being changed (not marked shared)', () => {
    const a = object('a');
    const copy = metadata([a]);
    const kept = new PerObject<number>(10);
    let made = 0;
    expect(kept.get(copy, a, 'x', () => ++made)).toBe(1);
    // The copy's object changed in place (a field added): the next answer must see it.
    expect(kept.get(copy, a, 'x', () => ++made)).toBe(2);
  });

  it('keeps at most its capacity of keys per object', () => {
    const a = object('a');
    const shared = markShared(metadata([a]));
    const kept = new PerObject<string>(2);
    let made = 0;
    for (const key of ['1', '2', '3']) kept.get(shared, a, key, () => `${key}:${++made}`);
    // '1' was the oldest and went; '3' is still kept.
    expect(kept.get(shared, a, '3', () => `3:${++made}`)).toBe('3:3');
    expect(kept.get(shared, a, '1', () => `1:${++made}`)).toBe('1:4');
  });
});
