import { describe, expect, it } from 'vitest';
import { criterionKey, errorPlace } from './criterion-errors';

describe('errorPlace', () => {
  it('puts an error at the criterion and part the server names', () => {
    expect(errorPlace({ argumentPath: ['input', 'criteria', '2', 'seeker'] })).toEqual({
      at: 'criterion',
      index: 2,
      part: 'seeker',
    });
    expect(errorPlace({ argumentPath: ['input', 'criteria', '0'] })).toEqual({
      at: 'criterion',
      index: 0,
      part: null,
    });
  });

  it('names the threshold and the name; anything else is the form’s', () => {
    expect(errorPlace({ argumentPath: ['input', 'minScore'] })).toEqual({ at: 'minScore' });
    expect(errorPlace({ argumentPath: ['input', 'name'] })).toEqual({ at: 'name' });
    expect(errorPlace({ argumentPath: ['input', 'criteria'] })).toEqual({ at: 'form' });
    expect(errorPlace({})).toEqual({ at: 'form' });
  });
});

describe('criterionKey', () => {
  it('makes a lowerCamelCase key from the label, unique among the taken ones', () => {
    expect(criterionKey('Sea view', [])).toBe('seaView');
    expect(criterionKey('Sea view', ['seaView'])).toBe('seaView2');
    expect(criterionKey('2 garages', [])).toBe('criterion2Garages');
    expect(criterionKey('', [])).toBe('criterion');
  });
});
