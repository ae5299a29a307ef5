// Matching: template-declared match definitions between a seeker object and a candidate object
// (buyers and listings), scored in SQL both ways, kept live by a change consumer that notifies once per new pair.
export { matchDefinition, type MatchDefinition } from './definition.js';
export { resolveDefinition } from './check.js';
export { createMatching, matchingConsumerName, type Matching, type MatchingDeps } from './engine.js';
export { MatchingResolver } from './graphql/resolver.js';
export type { MatchingServices } from './services.js';
export { saveDefinitionIn } from './install.js';
export { storedDefinition, storedDefinitions } from './store.js';
export type { MatchesChanged } from './topics.js';
export { matchingMigrations } from './migrations/index.js';
