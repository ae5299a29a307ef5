import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { FileRefType } from '../../files/index.js';

@ObjectType('DocumentTemplate', {
  description:
    'A document template (exposé, offer, contract) for the records of one object, rendered to PDF.',
})
export class DocumentTemplateType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'The object’s key (property, vehicle…).' }) object!: string;
  @Field(() => String) name!: string;
  @Field(() => String, {
    nullable: true,
    description:
      'The FILE field generated documents go in; null: `documents`, or the one named when generating.',
  })
  fileField!: string | null;
  @Field(() => JSONResolver, {
    description:
      'The body: a list of blocks (heading, paragraph, fields, image, lines, pageBreak, draft); see docs/documents.md.',
  })
  blocks!: unknown;
  @Field(() => Int, { description: 'Raised by every save; each generated document records it.' })
  version!: number;
  @Field(() => String, {
    nullable: true,
    description: '`<template>:<key>` when a vertical template installed it.',
  })
  templateKey!: string | null;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver) updatedAt!: Date;
}

@InputType('DocumentTemplateInput')
export class DocumentTemplateInputType {
  @Field(() => String, { description: 'The key of the object whose records it is for.' }) object!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true, description: 'A FILE field of the object for the generated PDFs.' })
  fileField?: string | null;
  @Field(() => JSONResolver, { description: 'The body: a list of blocks; see docs/documents.md.' })
  blocks!: unknown;
}

@ObjectType('GeneratedDocument', { description: 'One generation of a document template for a record.' })
export class GeneratedDocumentType {
  @Field(() => ID) id!: string;
  @Field(() => ID) templateId!: string;
  @Field(() => Int, { description: 'The template’s version it was made from.' }) templateVersion!: number;
  @Field(() => ID) recordId!: string;
  @Field(() => String, { description: 'The FILE field it was put in.' }) field!: string;
  @Field(() => ID) fileId!: string;
  @Field(() => FileRefType, { nullable: true, description: 'The PDF; null once removed from the field.' })
  file!: FileRefType | null;
  @Field(() => ID) createdBy!: string;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => JSONResolver, {
    description: 'The texts its draft blocks printed, by block key (`{ "coverLetter": "…" }`).',
  })
  drafts!: Record<string, string>;
}

@ObjectType('DocumentLineColumn')
export class DocumentLineColumnType {
  @Field(() => String) key!: string;
  @Field(() => String) label!: string;
  @Field(() => Boolean, { description: 'Numbers and money, aligned right.' }) numeric!: boolean;
}

@ObjectType('DocumentLineSource', {
  description: 'Where a lines block reads its lines: a one-to-many relation or registered lines (quotes).',
})
export class DocumentLineSourceType {
  @Field(() => String, { description: 'The block’s `source`.' }) key!: string;
  @Field(() => String) label!: string;
  @Field(() => [DocumentLineColumnType], { description: 'The columns it can show, for `columns`.' })
  columns!: DocumentLineColumnType[];
}

@ObjectType('DocumentPreview', { description: 'A template rendered for a record and not kept anywhere.' })
export class DocumentPreviewType {
  @Field(() => String) name!: string;
  @Field(() => String) contentType!: string;
  @Field(() => String, { description: 'The PDF, base64-encoded.' }) data!: string;
}
