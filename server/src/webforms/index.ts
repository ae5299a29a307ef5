// Web-to-lead: public forms on any object (hosted page, embed snippet, submissions with
// spam protection, de-duplicated people, a submission log) and the dealer ADF lead feed.
export { WebFormResolver } from './graphql/resolver.js';
export type { WebFormsServices } from './services.js';
export { publicRoutes, type PublicRoutesDeps } from './routes.js';
export type { FormGuard, FormLimits } from './protection.js';
export { checkForm, formInputOf, type FormInput } from './definition.js';
export { listForms, insertForm, updateFormRow } from './store.js';
export type { WebForm } from './model.js';
export { webFormActorName } from './actor-name.js';
export { webFormMigrations } from './migrations/index.js';
export { recordFormLink, type RecordLinkRequest } from './record-links.js';
