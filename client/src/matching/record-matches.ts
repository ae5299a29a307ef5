import type { Match, MatchDefinitionInfo, RecordMatchesData } from './operations';

/** Which sides an object plays in the workspace's definitions. */
export function sidesOf(definitions: readonly MatchDefinitionInfo[], objectKey: string) {
  return {
    seeker: definitions.some((d) => d.seekerObject === objectKey),
    candidate: definitions.some((d) => d.candidateObject === objectKey),
  };
}

/**
 * A pushed list of all the record's matches, split back into the query's two fields: a match of a
 * definition whose seeker is this object is one of its matches as a seeker.
 */
export function withPushedMatches(
  definitions: readonly MatchDefinitionInfo[],
  objectKey: string,
  matches: readonly Match[],
): RecordMatchesData {
  const asSeeker = new Set(definitions.filter((d) => d.seekerObject === objectKey).map((d) => d.key));
  const sides = sidesOf(definitions, objectKey);
  return {
    ...(sides.seeker ? { matchesForSeeker: matches.filter((m) => asSeeker.has(m.definitionKey)) } : {}),
    ...(sides.candidate
      ? { matchesForCandidate: matches.filter((m) => !asSeeker.has(m.definitionKey) || !sides.seeker) }
      : {}),
  };
}

/** Both sides' matches in one list, best first. */
export function allMatches(data: RecordMatchesData | undefined): Match[] {
  return [...(data?.matchesForSeeker ?? []), ...(data?.matchesForCandidate ?? [])].sort(
    (a, b) => b.score - a.score || a.label.localeCompare(b.label),
  );
}
