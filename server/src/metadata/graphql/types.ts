import { JSONResolver } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { fieldTypes, filterOperators, type FieldType, type FilterOperator } from '../field-types.js';

/** The field types, in the registry's order: a type added there appears here. */
export const FieldTypeEnum = Object.fromEntries(fieldTypes.map((t) => [t, t])) as { [K in FieldType]: K };
export type FieldTypeEnum = FieldType;
export const FilterOperatorEnum = Object.fromEntries(filterOperators.map((o) => [o, o])) as {
  [K in FilterOperator]: K;
};
export type FilterOperatorEnum = FilterOperator;
export enum RelationKindEnum {
  MANY_TO_ONE = 'MANY_TO_ONE',
  ONE_TO_MANY = 'ONE_TO_MANY',
  MANY_TO_MANY = 'MANY_TO_MANY',
}
export enum OnDeleteEnum {
  RESTRICT = 'RESTRICT',
  SET_NULL = 'SET_NULL',
  CASCADE = 'CASCADE',
}
export enum TextFormatEnum {
  VIN = 'VIN',
}
registerEnumType(FieldTypeEnum, { name: 'FieldType' });
registerEnumType(TextFormatEnum, {
  name: 'TextFormat',
  description: 'A format TEXT values must have. VIN: a vehicle identification number (ISO 3779).',
});
registerEnumType(FilterOperatorEnum, { name: 'FilterOperator' });
registerEnumType(RelationKindEnum, { name: 'RelationKind' });
registerEnumType(OnDeleteEnum, {
  name: 'OnDelete',
  description: 'What happens to records pointing at a deleted record.',
});

@ObjectType('SelectChoice')
export class SelectChoiceType {
  @Field(() => String) key!: string;
  @Field(() => String) label!: string;
  @Field(() => String) color!: string;
  @Field(() => Float) position!: number;
}

export enum StageKindEnum {
  OPEN = 'OPEN',
  WON = 'WON',
  LOST = 'LOST',
}
registerEnumType(StageKindEnum, {
  name: 'StageKind',
  description: 'Open stages are in progress; won and lost end a pipeline.',
});

@ObjectType('StageCondition', {
  description: 'An entry condition of a stage: a record must match its filter to enter.',
})
export class StageConditionType {
  @Field(() => String, { description: 'What must hold, as a refusal names it.' }) label!: string;
  @Field(() => JSONResolver, { description: 'A filter in the records API’s language.' })
  filter!: Record<string, unknown>;
  @Field(() => String, {
    nullable: true,
    description: 'A DATE or DATETIME field with the condition’s deadline, shown with a refusal.',
  })
  deadlineField!: string | null;
}

@ObjectType('Stage')
export class StageType {
  @Field(() => String) key!: string;
  @Field(() => String) label!: string;
  @Field(() => String) color!: string;
  @Field(() => Float, { description: 'Win probability, 0–100.' }) probability!: number;
  @Field(() => StageKindEnum) kind!: StageKindEnum;
  @Field(() => [String], { description: 'Fields that must have a value to enter this stage.' })
  requiredFields!: string[];
  @Field(() => [StageConditionType], { description: 'Conditions a record must meet to enter this stage.' })
  requires!: StageConditionType[];
  @Field(() => Int, { nullable: true, description: 'Board column limit; more cards are flagged.' })
  wipLimit!: number | null;
}

@ObjectType('Pipeline')
export class PipelineType {
  @Field(() => String) key!: string;
  @Field(() => String) label!: string;
  @Field(() => [StageType], { description: 'In board order.' }) stages!: StageType[];
}

@ObjectType('RelationSettings')
export class RelationSettingsType {
  @Field(() => String, { description: 'Key of the related object.' }) targetObjectKey!: string;
  @Field(() => RelationKindEnum) kind!: RelationKindEnum;
  @Field(() => OnDeleteEnum, { nullable: true }) onDelete!: OnDeleteEnum | null;
  @Field(() => String, { nullable: true, description: 'Key of the field on the related object.' })
  inverseFieldKey!: string | null;
}

@ObjectType('VinFills', { description: 'The fields a VIN’s decoding fills when they are empty.' })
export class VinFillsType {
  @Field(() => String, { nullable: true, description: 'Key of the field taking the make.' })
  make!: string | null;
  @Field(() => String, { nullable: true, description: 'Key of the field taking the model year.' })
  modelYear!: string | null;
}

@ObjectType('VinDecoding', {
  description: 'A VIN checked and decoded offline: the make from its WMI, the year from position 10.',
})
export class VinDecodingType {
  @Field(() => String, { description: 'Trimmed and upper-cased.' }) vin!: string;
  @Field(() => Boolean) valid!: boolean;
  @Field(() => String, { nullable: true, description: 'Why an invalid VIN is refused.' })
  reason!: string | null;
  @Field(() => String, { nullable: true, description: 'World manufacturer identifier (positions 1–3).' })
  wmi!: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Assigned to North America, where the check digit (position 9) is required.',
  })
  northAmerican!: boolean | null;
  @Field(() => String, { nullable: true, description: 'Null when the WMI table does not know it.' })
  make!: string | null;
  @Field(() => Int, { nullable: true }) modelYear!: number | null;
}

@ObjectType('FieldSettings')
export class FieldSettingsType {
  @Field(() => Int, { nullable: true }) precision!: number | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'NUMBER fields: whether values show thousands separators (12,500, or 2018 when false).',
  })
  grouping!: boolean | null;
  @Field(() => String, { nullable: true }) defaultCurrency!: string | null;
  @Field(() => [SelectChoiceType], { nullable: true }) choices!: SelectChoiceType[] | null;
  @Field(() => Int, { nullable: true }) max!: number | null;
  @Field(() => TextFormatEnum, { nullable: true, description: 'TEXT fields: the format values must have.' })
  format!: TextFormatEnum | null;
  @Field(() => VinFillsType, { nullable: true, description: 'TEXT fields of format VIN: what they fill.' })
  fills!: VinFillsType | null;
  @Field(() => RelationSettingsType, { nullable: true }) relation!: RelationSettingsType | null;
  @Field(() => [PipelineType], {
    nullable: true,
    description: 'STAGE fields: the pipelines whose stages they hold.',
  })
  pipelines!: PipelineType[] | null;
}

@ObjectType('FieldTypeInfo', {
  description: "A field type's abilities, from the server's field-type registry.",
})
export class FieldTypeInfoType {
  @Field(() => FieldTypeEnum) type!: FieldTypeEnum;
  @Field(() => [FilterOperatorEnum], { description: 'The operators its fields are filtered with.' })
  operators!: FilterOperatorEnum[];
  @Field(() => Boolean, { description: 'Its values are found by full-text search.' }) searchable!: boolean;
  @Field(() => Boolean, { description: 'Its fields can be unique.' }) indexable!: boolean;
  @Field(() => Boolean, { description: 'Its fields can be sorted on.' }) sortable!: boolean;
  @Field(() => Boolean, { description: 'Fields can change to and from this type.' }) convertible!: boolean;
}

@ObjectType('FieldDefinition')
export class FieldDefinitionType {
  @Field(() => ID) id!: string;
  @Field(() => String) key!: string;
  @Field(() => String, { description: 'In the caller’s language (a translation, else the default).' })
  label!: string;
  @Field(() => JSONResolver, {
    description:
      'The labels as admins edit them: `default` (label, helpText, choices, stages, pipelines by key) and a translation per language (de, it, zh, en).',
  })
  labels!: Record<string, unknown>;
  @Field(() => FieldTypeEnum) type!: FieldTypeEnum;
  @Field(() => Boolean) required!: boolean;
  @Field(() => Boolean) unique!: boolean;
  @Field(() => JSONResolver, { nullable: true }) defaultValue!: unknown;
  @Field(() => String, { nullable: true }) helpText!: string | null;
  @Field(() => Boolean) filterable!: boolean;
  @Field(() => [FilterOperatorEnum], { description: 'The operators its filter takes.' })
  operators!: FilterOperatorEnum[];
  @Field(() => Boolean) sortable!: boolean;
  @Field(() => Boolean, { description: 'The records API sorts by it: sortable, of a type that orders.' })
  canSort!: boolean;
  @Field(() => Boolean, { description: 'One of id, createdAt, createdBy, updatedAt, updatedBy, owner.' })
  system!: boolean;
  @Field(() => Boolean) readOnly!: boolean;
  @Field(() => Boolean, { description: 'Seeded with the workspace or installed by a template.' })
  standard!: boolean;
  @Field(() => Float) position!: number;
  @Field(() => DateTimeResolver, { nullable: true }) archivedAt!: Date | null;
  @Field(() => FieldSettingsType) settings!: FieldSettingsType;
}

@ObjectType('ObjectDefinition')
export class ObjectDefinitionType {
  @Field(() => ID) id!: string;
  @Field(() => String) key!: string;
  @Field(() => String) pluralKey!: string;
  @Field(() => String, { description: 'The GraphQL type of its records.' }) typeName!: string;
  @Field(() => String, { description: 'In the caller’s language (a translation, else the default).' })
  labelSingular!: string;
  @Field(() => String) labelPlural!: string;
  @Field(() => JSONResolver, {
    description:
      'The labels as admins edit them: `default` (labelSingular, labelPlural, description) and a translation per language.',
  })
  labels!: Record<string, unknown>;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => String, { nullable: true }) icon!: string | null;
  @Field(() => String, { nullable: true, description: 'Key of the field that names a record.' })
  labelFieldKey!: string | null;
  @Field(() => Boolean) standard!: boolean;
  @Field(() => DateTimeResolver, { nullable: true }) archivedAt!: Date | null;
  @Field(() => [FieldDefinitionType], { description: 'Active fields, system fields first.' })
  fields!: FieldDefinitionType[];
  @Field(() => [FieldDefinitionType]) archivedFields!: FieldDefinitionType[];
}

@ObjectType('StandardObjectsInstall', {
  description: 'What installStandardObjects did: the standard objects added, and those already there.',
})
export class StandardObjectsInstallType {
  @Field(() => [String], { description: 'Keys of the objects added now (empty on a second run).' })
  installed!: string[];
  @Field(() => [String], { description: 'Keys of the standard objects the workspace already had.' })
  alreadyPresent!: string[];
}

@ObjectType('FieldTypeChange', { description: 'What changing a field’s type does, or did.' })
export class FieldTypeChangeType {
  @Field(() => FieldDefinitionType) field!: FieldDefinitionType;
  @Field(() => Int) converted!: number;
  @Field(() => Int, {
    description: 'Values that do not convert; they become empty and stay in the change log.',
  })
  failed!: number;
  @Field(() => [String], { description: 'Up to 20 of the values that do not convert.' })
  failedExamples!: string[];
  @Field(() => Boolean) applied!: boolean;
}
