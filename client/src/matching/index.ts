// Matches on a record page (docs/matching.md): listings for a buyer and buyers for a listing,
// scored by the workspace's match definitions, live.
export { default as MatchesPanel } from './MatchesPanel.vue';
export type { Match } from './operations';
