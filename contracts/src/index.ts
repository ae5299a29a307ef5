// Contracts: what the server and the client agree on over the wire, defined once and imported
// by both: the change event that the feed pushes, the WebSocket close codes, the filter operators and
// relative dates, automation rules' shapes and a report's answer.
export { CloseCode } from './close-codes.js';
export { filterOperators, type FilterOperator } from './filter-operators.js';
export { recordChangeEventFields, type ChangeKind, type RecordChangeEvent } from './change-event.js';
export {
  addDays,
  canonicalTimeZone,
  maxNextDays,
  parseRelativeRange,
  relativeBounds,
  relativePeriods,
  startOfZonedDay,
  zonedDate,
  zonedInstant,
  type Reader,
  type RelativeBounds,
  type RelativePeriod,
  type RelativeRange,
} from './relative-dates.js';
export {
  runStatuses,
  triggerKinds,
  type ActionType,
  type AssignMode,
  type MemberRole,
  type RecipientSpec,
  type RelativeDate,
  type RuleAction,
  type RuleSpec,
  type RuleTrigger,
  type RunStatus,
  type TriggerKind,
  type ValueSource,
} from './automation-rules.js';
export type { ReportColumn, ReportResult, ReportResultRow } from './report-result.js';
export { fieldFillIssue, type MappedField } from './field-mapping.js';
export { isImportable, isMatchable, type ImportableField } from './importable-fields.js';
export type { DocumentLine } from './document-line.js';
export {
  documentBlockTypes,
  maxDocumentBlocks,
  maxHeadingLevel,
  maxImagesPerBlock,
  type DocumentBlock,
  type DocumentBlockType,
} from './document-blocks.js';
export { defaultLanguage, isLanguage, languages, preferredLanguage, type Language } from './languages.js';
