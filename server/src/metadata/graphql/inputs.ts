import { JSONResolver } from 'graphql-scalars';
import { IsOptional, Length, MaxLength } from 'class-validator';
import { Field, Float, InputType, Int } from 'type-graphql';
import { FieldTypeEnum, OnDeleteEnum, RelationKindEnum, StageKindEnum, TextFormatEnum } from './types.js';

const labelRule = { message: 'must be 1 to 100 characters' };

@InputType()
export class SelectChoiceInput {
  @Field(() => String) key!: string;
  @Field(() => String) @Length(1, 100, labelRule) label!: string;
  @Field(() => String, { nullable: true }) color?: string | null;
  @Field(() => Float, { nullable: true }) position?: number | null;
}

@InputType({ description: 'An entry condition of a stage: a record must match its filter to enter.' })
export class StageConditionInput {
  @Field(() => String, { description: 'What must hold, as a refusal names it.' }) label!: string;
  @Field(() => JSONResolver, { description: 'A filter in the records API’s language.' }) filter!: unknown;
  @Field(() => String, { nullable: true, description: 'A DATE or DATETIME field with its deadline.' })
  deadlineField?: string | null;
}

@InputType()
export class StageInput {
  @Field(() => String) key!: string;
  @Field(() => String) label!: string;
  @Field(() => String, { nullable: true }) color?: string | null;
  @Field(() => Float, { nullable: true, description: 'Win probability 0–100; default 50 (won 100, lost 0).' })
  probability?: number | null;
  @Field(() => StageKindEnum, { nullable: true }) kind?: StageKindEnum | null;
  @Field(() => [String], { nullable: true }) requiredFields?: string[] | null;
  @Field(() => [StageConditionInput], { nullable: true }) requires?: StageConditionInput[] | null;
  @Field(() => Int, { nullable: true }) wipLimit?: number | null;
}

@InputType()
export class PipelineInput {
  @Field(() => String) key!: string;
  @Field(() => String) label!: string;
  @Field(() => [StageInput]) stages!: StageInput[];
}

@InputType()
export class VinFillsInput {
  @Field(() => String, { nullable: true, description: 'Key of the field taking the make.' })
  make?: string | null;
  @Field(() => String, { nullable: true, description: 'Key of the field taking the model year.' })
  modelYear?: string | null;
}

@InputType()
export class FieldSettingsInput {
  @Field(() => Int, { nullable: true }) precision?: number | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      'NUMBER fields: false shows values without thousands separators (a year: 2018); default true.',
  })
  grouping?: boolean | null;
  @Field(() => String, { nullable: true }) defaultCurrency?: string | null;
  @Field(() => [SelectChoiceInput], { nullable: true }) choices?: SelectChoiceInput[] | null;
  @Field(() => Int, { nullable: true }) max?: number | null;
  @Field(() => [PipelineInput], { nullable: true, description: 'STAGE fields: their pipelines.' })
  pipelines?: PipelineInput[] | null;
  @Field(() => TextFormatEnum, { nullable: true, description: 'TEXT fields: VIN checks and decodes VINs.' })
  format?: TextFormatEnum | null;
  @Field(() => VinFillsInput, {
    nullable: true,
    description: 'TEXT fields of format VIN: the fields a valid VIN fills when they are empty.',
  })
  fills?: VinFillsInput | null;
}

@InputType()
export class RelationInput {
  @Field(() => String, { description: 'Key (or id) of the related object.' }) target!: string;
  @Field(() => RelationKindEnum) kind!: RelationKindEnum;
  @Field(() => OnDeleteEnum, { nullable: true, description: 'Default SET_NULL.' })
  onDelete?: OnDeleteEnum | null;
  @Field(() => String, { nullable: true }) inverseKey?: string | null;
  @Field(() => String, { nullable: true }) inverseLabel?: string | null;
}

@InputType()
export class CreateFieldInput {
  @Field(() => String, { description: 'Key (or id) of the object.' }) object!: string;
  @Field(() => String) key!: string;
  @Field(() => String) @Length(1, 100, labelRule) label!: string;
  @Field(() => FieldTypeEnum) type!: FieldTypeEnum;
  @Field(() => Boolean, { nullable: true }) required?: boolean | null;
  @Field(() => Boolean, { nullable: true }) unique?: boolean | null;
  @Field(() => JSONResolver, { nullable: true }) defaultValue?: unknown;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(500) helpText?: string | null;
  @Field(() => Boolean, { nullable: true }) filterable?: boolean | null;
  @Field(() => Boolean, { nullable: true }) sortable?: boolean | null;
  @Field(() => FieldSettingsInput, { nullable: true }) settings?: FieldSettingsInput | null;
  @Field(() => RelationInput, { nullable: true }) relation?: RelationInput | null;
}

@InputType()
export class UpdateFieldInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 100, labelRule) label?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(500) helpText?: string | null;
  @Field(() => Boolean, { nullable: true }) required?: boolean | null;
  @Field(() => Boolean, { nullable: true }) unique?: boolean | null;
  @Field(() => JSONResolver, { nullable: true }) defaultValue?: unknown;
  @Field(() => Boolean, { nullable: true }) filterable?: boolean | null;
  @Field(() => Boolean, { nullable: true }) sortable?: boolean | null;
  @Field(() => FieldSettingsInput, { nullable: true }) settings?: FieldSettingsInput | null;
}

@InputType()
export class CreateObjectInput {
  @Field(() => String) key!: string;
  @Field(() => String, { nullable: true }) pluralKey?: string | null;
  @Field(() => String) @Length(1, 100, labelRule) labelSingular!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 100, labelRule) labelPlural?:
    string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(1000) description?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(50) icon?: string | null;
}

@InputType()
export class UpdateObjectInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 100, labelRule) labelSingular?:
    string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 100, labelRule) labelPlural?:
    string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(1000) description?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(50) icon?: string | null;
  @Field(() => String, { nullable: true }) labelFieldKey?: string | null;
}
