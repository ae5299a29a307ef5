// Templates: vertical templates read from `templates/<key>/template.yaml`, validated,
// installed and upgraded as a metadata diff, and workspaces exported as templates.
export { listTemplates, loadTemplate, loadTemplateFile } from './catalog.js';
export { templateEntities, TemplateInstallRow } from './entity.js';
export { exportWorkspace } from './export.js';
export { templateJsonSchema, templateSchema, type Template } from './format.js';
export { TemplateResolver } from './graphql/resolver.js';
export {
  installInTransaction,
  planTemplate,
  templateForNewWorkspace,
  type TemplateServices,
} from './install.js';
export { templateLineSources } from './line-sources.js';
export { parseTemplate, TemplateError } from './parse.js';
export type { TemplatePlan } from './plan.js';
export { templateMigrations } from './migrations/index.js';
export { templateTasks, type PhotoImportDeps } from './photo-import-job.js';
export type { TemplatePhotoSettings } from './photo-settings.js';
