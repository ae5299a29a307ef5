// Leads: lead-rating models per object (points for field values and activity → a score and
// a hot/warm/cold band, live and nightly) and lead conversion into person, company and deal.
export { LeadResolver } from './graphql/resolver.js';
export { createLeadRating, type LeadRating, type LeadRatingDeps } from './engine.js';
export { checkModel, type RatingModel } from './model.js';
export type { EmailsAnswered } from './score.js';
export { saveModelIn } from './service.js';
export { modelOfObject, modelsOf as ratingModelsOf, ratedFields } from './models.js';
export type { LeadServices } from './services.js';
export { leadMigrations } from './migrations/index.js';
