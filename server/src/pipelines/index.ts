// Pipelines and boards: stages with probabilities and rules on stage fields, stage
// history, card moves with fractional ranks, board columns with totals, forecasts.
export { PipelineResolver } from './graphql/resolver.js';
export { stageHooks } from './stage-hooks.js';
export { savePipelines } from './admin.js';
export type { PipelineServices } from './services.js';
export { pipelineMigrations } from './migrations/index.js';
export { createStageHistorySql } from './stage-history-table.js';
export { readStageMoves, type StageMove } from './history.js';
export { activeObject, stageFields } from './find.js';
export { forecast, type ForecastRow } from './forecast.js';
