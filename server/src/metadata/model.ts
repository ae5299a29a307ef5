import type { Language } from '@crm/contracts';
/** The in-memory shape of a workspace's metadata, as every other module reads it. */

// The type names come from the field-type registry, the one place a type is defined.
import type { FieldType } from './field-types.js';
export { fieldTypes, type FieldType } from './field-types.js';

export type RelationKind = 'MANY_TO_ONE' | 'ONE_TO_MANY' | 'MANY_TO_MANY';
export type OnDelete = 'RESTRICT' | 'SET_NULL' | 'CASCADE';

export interface SelectOption {
  key: string;
  label: string;
  color: string;
  position: number;
}

export type StageKind = 'OPEN' | 'WON' | 'LOST';

export interface StageDef {
  key: string;
  label: string;
  color: string;
  /** Win probability, 0–100, for weighted sums and forecasts. */
  probability: number;
  kind: StageKind;
  /** Field keys that must have a value for a record to enter this stage. */
  requiredFields: string[];
  /** Conditions a record must meet to enter this stage (each a filter in the records API's language). */
  requires: StageCondition[];
  /** Column limit on a board: more cards than this is flagged, not refused. */
  wipLimit: number | null;
}

/** One entry condition of a stage: refused moves name the unmet ones by label, with their deadlines. */
export interface StageCondition {
  /** Says what must hold, e.g. “Sea trial passed or waived”. */
  label: string;
  /** The record matches this filter (the records API's filter language) to enter the stage. */
  filter: Record<string, unknown>;
  /** A DATE or DATETIME field holding the condition's deadline, shown with a refusal. */
  deadlineField: string | null;
}

export interface PipelineDef {
  key: string;
  label: string;
  /** In board order. */
  stages: StageDef[];
}

/** A format TEXT values must have: `VIN` checks and decodes vehicle identification numbers. */
export type TextFormat = 'VIN';

/** TEXT with format VIN: keys of the object's fields that a valid VIN's decoding fills when empty. */
export interface VinFills {
  make?: string;
  modelYear?: string;
}

export interface FieldOptions {
  /** NUMBER, PERCENT, CURRENCY: digits after the decimal point. */
  precision?: number;
  /** NUMBER: false shows values without thousands separators (a year: 2018); absent or true groups them. */
  grouping?: boolean;
  /** CURRENCY: the ISO 4217 code used when a value comes without one. */
  defaultCurrency?: string;
  /** SELECT, MULTI_SELECT; for STAGE, derived from the pipelines' stages. */
  choices?: SelectOption[];
  /** STAGE: the pipelines whose stages this field holds; stage keys are unique across them. */
  pipelines?: PipelineDef[];
  /** RATING: highest value (lowest is 1). FILE, IMAGE: most files held (1: a single one). */
  max?: number;
  /** TEXT: the format values must have (absent: any text). */
  format?: TextFormat;
  /** TEXT with format VIN: the fields its decoding fills. */
  fills?: VinFills;
  /** RELATION. */
  targetObjectId?: string;
  relationKind?: RelationKind;
  onDelete?: OnDelete;
  inverseFieldId?: string;
  /** MANY_TO_MANY: the junction table, shared by both sides. */
  junctionTable?: string;
  /** MANY_TO_MANY: whether this side is the junction's `a_id` column. */
  junctionSide?: 'a' | 'b';
}

/** An object's labels in other languages; what a language lacks falls back to the object's own. */
export type ObjectTranslations = Partial<
  Record<Language, { labelSingular?: string; labelPlural?: string; description?: string }>
>;

/** A field's labels in other languages, its choices', stages' and pipelines' by key. */
export type FieldTranslations = Partial<
  Record<
    Language,
    {
      label?: string;
      helpText?: string;
      choices?: Record<string, string>;
      stages?: Record<string, string>;
      pipelines?: Record<string, string>;
    }
  >
>;

export interface FieldDef {
  id: string;
  objectId: string;
  key: string;
  label: string;
  type: FieldType;
  required: boolean;
  unique: boolean;
  defaultValue: unknown;
  helpText: string | null;
  filterable: boolean;
  sortable: boolean;
  options: FieldOptions;
  /** The SQL column, or null for fields without one (one-to-many, many-to-many). */
  column: string | null;
  standard: boolean;
  /** id, createdAt, createdBy, updatedAt, updatedBy, owner: not stored as metadata rows. */
  system: boolean;
  readOnly: boolean;
  position: number;
  archivedAt: Date | null;
  translations?: FieldTranslations;
}

export interface ObjectDef {
  id: string;
  key: string;
  pluralKey: string;
  labelSingular: string;
  labelPlural: string;
  description: string | null;
  icon: string | null;
  labelFieldId: string | null;
  table: string;
  standard: boolean;
  position: number;
  archivedAt: Date | null;
  translations?: ObjectTranslations;
  /** Every field, archived ones included, system fields first. */
  fields: FieldDef[];
}

export interface WorkspaceMetadata {
  workspaceId: string;
  version: number;
  /** The PostgreSQL schema holding this workspace's record tables. */
  schema: string;
  objects: ObjectDef[];
}

export function activeObjects(metadata: WorkspaceMetadata): ObjectDef[] {
  return metadata.objects.filter((o) => !o.archivedAt);
}

export function activeFields(object: ObjectDef): FieldDef[] {
  return object.fields.filter((f) => !f.archivedAt);
}
