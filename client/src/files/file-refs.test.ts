import { describe, expect, it } from 'vitest';
import { fileIds, fileSizeLabel, knownRefs, moveId } from './file-refs';

const ref = (id: string) => ({
  id,
  name: `${id}.jpg`,
  size: 1,
  contentType: 'image/jpeg',
  url: '',
  thumbUrl: '',
});

describe('file values', () => {
  it('reads ids from files (a read) and from bare ids (a pushed change, a card)', () => {
    expect(fileIds([ref('a'), ref('b')])).toEqual(['a', 'b']);
    expect(fileIds(['a', 'b'])).toEqual(['a', 'b']);
    expect(fileIds(null)).toEqual([]);
    expect([...knownRefs(['a', ref('b')]).keys()]).toEqual(['b']);
  });

  it('moves an id to a place; the first place is the cover', () => {
    expect(moveId(['a', 'b', 'c'], 'c', 0)).toEqual(['c', 'a', 'b']);
    expect(moveId(['a', 'b', 'c'], 'a', 1)).toEqual(['b', 'a', 'c']);
    expect(moveId(['a', 'b', 'c'], 'a', 9)).toEqual(['b', 'c', 'a']);
  });
});

describe('fileSizeLabel', () => {
  it('reads kilobytes (at least one) and megabytes', () => {
    expect(fileSizeLabel(51)).toBe('1 kB');
    expect(fileSizeLabel(2048)).toBe('2 kB');
    expect(fileSizeLabel(1_500_000)).toBe('1.5 MB');
  });
});
