import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType } from 'type-graphql';

@ObjectType('MailTemplate', { description: 'An e-mail template for the records of one object.' })
export class MailTemplateType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'The object’s key (person, deal…).' }) object!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'Liquid text: `Offer for {{ record.name }}`.' }) subject!: string;
  @Field(() => String, { description: 'Rich text (HTML) with merge fields, sent in the responsive layout.' })
  bodyHtml!: string;
  @Field(() => String, { nullable: true, description: 'The plain-text part; null: derived from the HTML.' })
  bodyText!: string | null;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver) updatedAt!: Date;
}

@InputType('MailTemplateInput')
export class MailTemplateInputType {
  @Field(() => String, { description: 'The key of the object whose records it is for.' }) object!: string;
  @Field(() => String) name!: string;
  @Field(() => String) subject!: string;
  @Field(() => String) bodyHtml!: string;
  @Field(() => String, { nullable: true }) bodyText?: string | null;
}

@ObjectType('MailTemplateMergeField', {
  description: 'A value a template may insert: `{{ record.company.name }}`.',
})
export class MailTemplateMergeFieldType {
  @Field(() => String) path!: string;
  @Field(() => String) label!: string;
  @Field(() => String, { description: 'The field type (TEXT, CURRENCY…).' }) type!: string;
}

@ObjectType('MailTemplatePreview', { description: 'A template rendered for one record.' })
export class MailTemplatePreviewType {
  @Field(() => String) subject!: string;
  @Field(() => String, { description: 'The whole HTML part (the body in the layout).' }) html!: string;
  @Field(() => String) text!: string;
  @Field(() => [String], { description: 'Merge fields the template uses that are empty for this record.' })
  missing!: string[];
}

@InputType('MailTemplatePreviewInput')
export class MailTemplatePreviewInputType {
  @Field(() => String) object!: string;
  @Field(() => ID) recordId!: string;
  @Field(() => ID, { nullable: true, description: 'A saved template; or the parts below (a draft).' })
  templateId?: string | null;
  @Field(() => String, { nullable: true }) subject?: string | null;
  @Field(() => String, { nullable: true }) bodyHtml?: string | null;
  @Field(() => String, { nullable: true }) bodyText?: string | null;
}

@ObjectType('MailTemplateRecipient', {
  description: 'An address the record offers: its own or a related record’s.',
})
export class MailTemplateRecipientType {
  @Field(() => String) address!: string;
  @Field(() => String, { description: 'Whose it is: “Ann Lee (Contact)”.' }) label!: string;
}

@InputType('SendRecordMailInput')
export class SendRecordMailInputType {
  @Field(() => String) object!: string;
  @Field(() => ID) recordId!: string;
  @Field(() => String) to!: string;
  @Field(() => [String], { nullable: true }) cc?: string[] | null;
  @Field(() => [String], { nullable: true }) bcc?: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'Members copied (their account’s address).' })
  ccMemberIds?: string[] | null;
  @Field(() => [ID], { nullable: true }) bccMemberIds?: string[] | null;
  @Field(() => ID, { nullable: true, description: 'A template for this object; or subject and body.' })
  templateId?: string | null;
  @Field(() => String, { nullable: true }) subject?: string | null;
  @Field(() => String, { nullable: true, description: 'Plain text with merge fields.' }) body?: string | null;
  @Field(() => [ID], {
    nullable: true,
    description:
      'Files of this record (its FILE and IMAGE fields) to attach; MAIL_MAX_ATTACHMENTS_MB in all.',
  })
  attachments?: string[] | null;
}
