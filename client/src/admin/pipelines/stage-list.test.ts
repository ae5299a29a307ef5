import { describe, expect, it } from 'vitest';
import { stagesFromLabels } from './stage-list';

describe('stagesFromLabels in another language', () => {
  it('ends the pipeline at the language’s words for won and lost, and at the English ones', () => {
    const ending = { won: 'Gewonnen', lost: 'Verloren' };
    expect(stagesFromLabels('Besichtigung, gewonnen, Verloren, Lost', ending)).toEqual([
      { key: 'besichtigung', label: 'Besichtigung' },
      { key: 'gewonnen', label: 'gewonnen', kind: 'WON' },
      { key: 'verloren', label: 'Verloren', kind: 'LOST' },
      { key: 'lost', label: 'Lost', kind: 'LOST' },
    ]);
  });

  it('splits at Chinese commas too', () => {
    expect(stagesFromLabels('线索，赢单、输单', { won: '赢单', lost: '输单' }).map((s) => s.kind)).toEqual([
      undefined,
      'WON',
      'LOST',
    ]);
  });
});
