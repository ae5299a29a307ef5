import { fieldOperators, groupsDigits, sortsBy } from '../field-types.js';
import { pascalCase } from '../keys.js';
import type { Language } from '@crm/contracts';
import type { FieldDef, ObjectDef, WorkspaceMetadata } from '../model.js';
import { fieldLabels, localizeField, localizeObjectLabels, objectLabels } from '../translations.js';
import type {
  FieldDefinitionType,
  FieldTypeEnum,
  ObjectDefinitionType,
  OnDeleteEnum,
  PipelineType,
  RelationKindEnum,
  TextFormatEnum,
  VinDecodingType,
} from './types.js';
import type { VinDecoding } from '../vin/decode.js';

/** A field as the API shows it, its labels in `language` (`owner`: its object, when the caller has it). */
export function toFieldDefinition(
  stored: FieldDef,
  metadata: WorkspaceMetadata,
  language: Language,
  owner = metadata.objects.find((o) => o.id === stored.objectId),
): FieldDefinitionType {
  const field = localizeField(stored, language, owner?.standard ?? false);
  const o = field.options;
  const target = o.targetObjectId ? metadata.objects.find((x) => x.id === o.targetObjectId) : undefined;
  const inverse = o.inverseFieldId ? target?.fields.find((f) => f.id === o.inverseFieldId) : undefined;
  return {
    id: field.id,
    key: field.key,
    label: listLabel(stored, field.label, target, language),
    labels: fieldLabels(stored),
    type: field.type as FieldTypeEnum,
    required: field.required,
    unique: field.unique,
    defaultValue: field.defaultValue,
    helpText: field.helpText,
    filterable: field.filterable,
    operators: [...fieldOperators(field)],
    sortable: field.sortable,
    canSort: sortsBy(field),
    system: field.system,
    readOnly: field.readOnly,
    standard: field.standard,
    position: field.position,
    archivedAt: field.archivedAt,
    settings: {
      precision: o.precision ?? null,
      grouping: field.type === 'NUMBER' ? groupsDigits(field) : null,
      defaultCurrency: o.defaultCurrency ?? null,
      choices: o.choices ? [...o.choices].sort((a, b) => a.position - b.position) : null,
      max: o.max ?? null,
      format: (o.format as TextFormatEnum | undefined) ?? null,
      fills: o.fills ? { make: o.fills.make ?? null, modelYear: o.fills.modelYear ?? null } : null,
      pipelines: (o.pipelines as PipelineType[] | undefined) ?? null,
      relation: target
        ? {
            targetObjectKey: target.key,
            kind: o.relationKind as RelationKindEnum,
            onDelete: (o.onDelete as OnDeleteEnum | undefined) ?? null,
            inverseFieldKey: inverse?.key ?? null,
          }
        : null,
    },
  };
}

/**
 * A to-many side named after the records it lists ("Test drives" on a vehicle, "Deals" on a
 * boat) reads as that object's plural in the caller's language, unless it has its own translation.
 */
function listLabel(
  stored: FieldDef,
  shown: string,
  target: ObjectDef | undefined,
  language: Language,
): string {
  if (!target || stored.translations?.[language]?.label || stored.label !== target.labelPlural) return shown;
  return localizeObjectLabels(target, language).labelPlural;
}

export function toObjectDefinition(
  stored: ObjectDef,
  metadata: WorkspaceMetadata,
  language: Language,
): ObjectDefinitionType {
  const object = localizeObjectLabels(stored, language);
  const labelField = stored.fields.find((f) => f.id === stored.labelFieldId);
  return {
    id: object.id,
    key: object.key,
    pluralKey: object.pluralKey,
    typeName: pascalCase(object.key),
    labelSingular: object.labelSingular,
    labelPlural: object.labelPlural,
    labels: objectLabels(stored),
    description: object.description,
    icon: object.icon,
    labelFieldKey: labelField?.key ?? null,
    standard: object.standard,
    archivedAt: object.archivedAt,
    fields: stored.fields
      .filter((f) => !f.archivedAt)
      .map((f) => toFieldDefinition(f, metadata, language, stored)),
    archivedFields: stored.fields
      .filter((f) => f.archivedAt)
      .map((f) => toFieldDefinition(f, metadata, language, stored)),
  };
}

export function toVinDecoding(decoded: VinDecoding): VinDecodingType {
  if (!decoded.valid)
    return {
      vin: decoded.vin,
      valid: false,
      reason: decoded.reason,
      wmi: null,
      northAmerican: null,
      make: null,
      modelYear: null,
    };
  const { vin, wmi, northAmerican, make, modelYear } = decoded;
  return { vin, valid: true, reason: null, wmi, northAmerican, make, modelYear };
}
