import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum ImportStatusEnum {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  DONE = 'DONE',
  FAILED = 'FAILED',
  UNDOING = 'UNDOING',
  UNDONE = 'UNDONE',
}
registerEnumType(ImportStatusEnum, { name: 'ImportStatus', description: 'Where an import run stands.' });

export enum DateOrderEnum {
  DMY = 'DMY',
  MDY = 'MDY',
  YMD = 'YMD',
}
registerEnumType(DateOrderEnum, {
  name: 'ImportDateOrder',
  description: 'How a numeric date such as 03/04/2026 reads (ISO dates read the same in every order).',
});

@ObjectType('ImportUpload', { description: 'An uploaded CSV or XLSX file (POST /imports/upload).' })
export class ImportUploadType {
  @Field(() => ID) id!: string;
  @Field(() => String) fileName!: string;
  @Field(() => String, { description: 'CSV or XLSX.' }) format!: string;
  @Field(() => String, { description: 'The text encoding found (UTF-8, UTF-16LE/BE, ISO-8859-1) or XLSX.' })
  encoding!: string;
  @Field(() => Int, { description: 'Bytes.' }) size!: number;
  @Field(() => [String], { description: 'The first row: the column names.' }) headers!: string[];
  @Field(() => Int, { description: 'Data rows (blank rows left out).' }) rowCount!: number;
  @Field(() => DateTimeResolver) createdAt!: Date;
}

@ObjectType('ImportColumn', { description: 'A column of the file and the field it fills.' })
export class ImportColumnType {
  @Field(() => String) column!: string;
  @Field(() => String, { nullable: true, description: 'Null: the column is left out.' }) fieldKey!:
    string | null;
  @Field(() => String, {
    nullable: true,
    description: 'RELATION: the target’s field the cell names (default: its name field).',
  })
  matchBy!: string | null;
}

@InputType('ImportColumnInput')
export class ImportColumnInput {
  @Field(() => String) column!: string;
  @Field(() => String, { nullable: true }) fieldKey!: string | null;
  @Field(() => String, { nullable: true }) matchBy!: string | null;
}

@InputType('ImportSettingsInput', {
  description: 'A mapping: columns → fields, the upsert key, how values read.',
})
export class ImportSettingsInput {
  @Field(() => [ImportColumnInput]) columns!: ImportColumnInput[];
  @Field(() => String, {
    nullable: true,
    description: 'Rows matching a record on this field update it; null: every row creates a record.',
  })
  uniqueFieldKey!: string | null;
  @Field(() => DateOrderEnum, { defaultValue: DateOrderEnum.DMY }) dateOrder!: DateOrderEnum;
  @Field(() => String, { defaultValue: '.', description: "Numbers' decimal separator: '.' or ','." })
  decimalSeparator!: string;
}

@InputType('ImportInput')
export class ImportInput extends ImportSettingsInput {
  @Field(() => ID) uploadId!: string;
  @Field(() => String) objectKey!: string;
}

@InputType('ImportMappingInput')
export class ImportMappingInput extends ImportSettingsInput {
  @Field(() => String) name!: string;
  @Field(() => String) objectKey!: string;
}

@ObjectType('ImportMapping', { description: 'A saved, reusable mapping for an object.' })
export class ImportMappingType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) objectKey!: string;
  @Field(() => [ImportColumnType]) columns!: ImportColumnType[];
  @Field(() => String, { nullable: true }) uniqueFieldKey!: string | null;
  @Field(() => DateOrderEnum) dateOrder!: DateOrderEnum;
  @Field(() => String) decimalSeparator!: string;
  @Field(() => DateTimeResolver) updatedAt!: Date;
}

@ObjectType('ImportRowError', { description: 'Why a row is left out.' })
export class ImportRowErrorType {
  @Field(() => Int, { description: 'Its line in the file (the header is line 1).' }) line!: number;
  @Field(() => String, { nullable: true }) column!: string | null;
  @Field(() => String, { nullable: true }) fieldKey!: string | null;
  @Field(() => String) message!: string;
}

@ObjectType('ImportPreviewRow', { description: 'A row as it would be written.' })
export class ImportPreviewRowType {
  @Field(() => [Int], { description: 'Its lines (more than one when a unique value repeats).' })
  lines!: number[];
  @Field(() => JSONResolver, { description: 'Field key → value.' }) values!: Record<string, unknown>;
  @Field(() => ID, { nullable: true, description: 'The record it updates; null: it creates one.' })
  recordId!: string | null;
}

@ObjectType('ImportPreview', { description: 'What an import would do; nothing written.' })
export class ImportPreviewType {
  @Field(() => Int) totalRows!: number;
  @Field(() => Int) toCreate!: number;
  @Field(() => Int) toUpdate!: number;
  @Field(() => Int) errorCount!: number;
  @Field(() => [ImportRowErrorType], { description: 'The first 1,000 errors, by line.' })
  errors!: ImportRowErrorType[];
  @Field(() => [ImportPreviewRowType], { description: 'The first 20 rows.' }) rows!: ImportPreviewRowType[];
}

@ObjectType('ImportSettings')
export class ImportSettingsOutput {
  @Field(() => [ImportColumnType]) columns!: ImportColumnType[];
  @Field(() => String, { nullable: true }) uniqueFieldKey!: string | null;
  @Field(() => DateOrderEnum) dateOrder!: DateOrderEnum;
  @Field(() => String) decimalSeparator!: string;
}

@ObjectType('ImportRun', { description: 'An import, queued, running, done or undone.' })
export class ImportRunType {
  @Field(() => ID) id!: string;
  @Field(() => String) objectKey!: string;
  @Field(() => String) fileName!: string;
  @Field(() => ImportStatusEnum) status!: ImportStatusEnum;
  @Field(() => Int) totalRows!: number;
  @Field(() => Int, { description: 'Rows settled (written or skipped); a resumed run starts here.' })
  processedRows!: number;
  @Field(() => Int) created!: number;
  @Field(() => Int) updated!: number;
  @Field(() => Int, { description: 'Rows left out for errors.' }) skipped!: number;
  @Field(() => [ImportRowErrorType], { description: 'The first 1,000 rows left out, and why.' })
  errors!: ImportRowErrorType[];
  @Field(() => String, { nullable: true, description: 'Why the run failed.' }) error!: string | null;
  @Field(() => ImportSettingsOutput) settings!: ImportSettingsOutput;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true }) finishedAt!: Date | null;
  @Field(() => DateTimeResolver, { nullable: true }) undoneAt!: Date | null;
}
