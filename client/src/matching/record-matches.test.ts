import { describe, expect, it } from 'vitest';
import type { Match, MatchDefinitionInfo } from './operations';
import { allMatches, sidesOf, withPushedMatches } from './record-matches';

const definitions: MatchDefinitionInfo[] = [
  { key: 'buyersListings', name: 'Buyers and listings', seekerObject: 'person', candidateObject: 'property' },
  { key: 'tenantsRentals', name: 'Tenants', seekerObject: 'person', candidateObject: 'rental' },
  { key: 'referrers', name: 'Referrals', seekerObject: 'company', candidateObject: 'person' },
];

const match = (definitionKey: string, label: string, score: number): Match => ({
  definitionKey,
  object: 'x',
  recordId: label,
  label,
  score,
  matched: [],
});

describe('a record’s matches', () => {
  it('knows which sides an object plays', () => {
    expect(sidesOf(definitions, 'person')).toEqual({ seeker: true, candidate: true });
    expect(sidesOf(definitions, 'property')).toEqual({ seeker: false, candidate: true });
    expect(sidesOf(definitions, 'deal')).toEqual({ seeker: false, candidate: false });
  });

  it('splits a pushed list back into the seeker and candidate fields it replaces', () => {
    const pushed = [
      match('buyersListings', 'Loft', 80),
      match('referrers', 'Acme', 90),
      match('tenantsRentals', 'Flat', 70),
    ];
    expect(withPushedMatches(definitions, 'person', pushed)).toEqual({
      matchesForSeeker: [pushed[0], pushed[2]],
      matchesForCandidate: [pushed[1]],
    });
    expect(withPushedMatches(definitions, 'property', [pushed[0]!])).toEqual({
      matchesForCandidate: [pushed[0]],
    });
  });

  it('shows both sides in one list, best first, ties by label', () => {
    const data = {
      matchesForSeeker: [match('buyersListings', 'Loft', 80), match('buyersListings', 'Barn', 80)],
      matchesForCandidate: [match('referrers', 'Acme', 90)],
    };
    expect(allMatches(data).map((m) => m.label)).toEqual(['Acme', 'Barn', 'Loft']);
    expect(allMatches(undefined)).toEqual([]);
  });
});
