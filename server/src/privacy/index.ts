// Privacy requests: a person's data exported as one ZIP (access, portability) and their
// erasure by anonymising in place (keeping the figures), both for admins and audited.
export { exportPersonalData, type PersonalDataExport } from './export.js';
export { erasePersonalData, type ErasureResult } from './erase.js';
export { personalDataExportHandler } from './http.js';
export { PrivacyResolver } from './graphql/resolver.js';
export type { PrivacyServices } from './services.js';
