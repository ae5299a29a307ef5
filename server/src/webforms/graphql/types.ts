import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum WebFormSubmissionOutcomeEnum {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  SPAM = 'SPAM',
  REJECTED = 'REJECTED',
}
registerEnumType(WebFormSubmissionOutcomeEnum, {
  name: 'WebFormSubmissionOutcome',
  description: 'What a submission did: a record created or updated, caught as spam, or refused.',
});

export enum LeadFeedOutcomeEnum {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  REJECTED = 'REJECTED',
}
registerEnumType(LeadFeedOutcomeEnum, { name: 'LeadFeedOutcome' });

@ObjectType('WebFormField', { description: 'One input of a web form.' })
export class WebFormFieldType {
  @Field(() => String, { description: 'A field key of the form’s object, or `person.<key>`.' }) path!: string;
  @Field(() => String, { nullable: true, description: 'Null: the field’s label.' }) label!: string | null;
  @Field(() => String, { nullable: true }) helpText!: string | null;
  @Field(() => Boolean) required!: boolean;
  @Field(() => Boolean, { description: 'Not shown; sends `defaultValue` (a source tag).' }) hidden!: boolean;
  @Field(() => String, { nullable: true }) defaultValue!: string | null;
}

@ObjectType('WebForm', { description: 'A public web-to-lead form on one object.' })
export class WebFormType {
  @Field(() => ID) id!: string;
  @Field(() => String, {
    nullable: true,
    description: 'The template’s key, for a form a template installed.',
  })
  key!: string | null;
  @Field(() => String) name!: string;
  @Field(() => String) objectKey!: string;
  @Field(() => [WebFormFieldType]) fields!: WebFormFieldType[];
  @Field(() => String) thankYouMessage!: string;
  @Field(() => String, { nullable: true }) redirectUrl!: string | null;
  @Field(() => String, { nullable: true, description: 'When set, a required consent checkbox.' })
  consentText!: string | null;
  @Field(() => String, { nullable: true, description: 'The record’s name, with `{{ person.name }}` etc.' })
  recordName!: string | null;
  @Field(() => String, { nullable: true }) personField!: string | null;
  @Field(() => Int, { description: 'Proof-of-work zero bits (0: none).' }) powDifficulty!: number;
  @Field(() => Boolean, { description: 'A repeat by the same person updates their record.' })
  updateRepeats!: boolean;
  @Field(() => Boolean, {
    description: 'A follow-up form: opened by a signed link to one record, a submission updates that record.',
  })
  updatesRecord!: boolean;
  @Field(() => Boolean) enabled!: boolean;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver) updatedAt!: Date;
  @Field(() => String, { description: 'The hosted page.' }) hostedUrl!: string;
}

@InputType('WebFormFieldInput')
export class WebFormFieldInput {
  @Field(() => String) path!: string;
  @Field(() => String, { nullable: true }) label?: string | null;
  @Field(() => String, { nullable: true }) helpText?: string | null;
  @Field(() => Boolean, { nullable: true }) required?: boolean | null;
  @Field(() => Boolean, { nullable: true }) hidden?: boolean | null;
  @Field(() => String, { nullable: true }) defaultValue?: string | null;
}

@InputType('WebFormInput')
export class WebFormInput {
  @Field(() => String) name!: string;
  @Field(() => String) objectKey!: string;
  @Field(() => [WebFormFieldInput]) fields!: WebFormFieldInput[];
  @Field(() => String, { nullable: true }) thankYouMessage?: string | null;
  @Field(() => String, { nullable: true }) redirectUrl?: string | null;
  @Field(() => String, { nullable: true }) consentText?: string | null;
  @Field(() => String, { nullable: true }) recordName?: string | null;
  @Field(() => String, { nullable: true }) personField?: string | null;
  @Field(() => Int, { nullable: true }) powDifficulty?: number | null;
  @Field(() => Boolean, { nullable: true }) updateRepeats?: boolean | null;
  @Field(() => Boolean, { nullable: true }) updatesRecord?: boolean | null;
  @Field(() => Boolean, { nullable: true }) enabled?: boolean | null;
}

@ObjectType('WebFormSubmission', { description: 'One submission and its outcome.' })
export class WebFormSubmissionType {
  @Field(() => ID) id!: string;
  @Field(() => WebFormSubmissionOutcomeEnum) outcome!: WebFormSubmissionOutcomeEnum;
  @Field(() => String, { nullable: true, description: 'Why it was refused or caught.' }) reason!:
    string | null;
  @Field(() => ID, { nullable: true }) recordId!: string | null;
  @Field(() => ID, { nullable: true }) personId!: string | null;
  @Field(() => String, { nullable: true, description: 'The page it came from.' }) source!: string | null;
  @Field(() => String, { description: 'The submitted values, as JSON.' }) values!: string;
  @Field(() => DateTimeResolver) createdAt!: Date;
}

@ObjectType('WebFormSubmissionPage')
export class WebFormSubmissionPageType {
  @Field(() => [WebFormSubmissionType]) nodes!: WebFormSubmissionType[];
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ObjectType('LeadFeed', { description: 'The workspace’s ADF lead feed: POST messages to `url`.' })
export class LeadFeedType {
  @Field(() => String, { description: 'The secret address; rotate it to revoke.' }) url!: string;
  @Field(() => Boolean) enabled!: boolean;
  @Field(() => DateTimeResolver) createdAt!: Date;
}

@ObjectType('LeadFeedMessage', { description: 'A message the lead feed received, kept as sent.' })
export class LeadFeedMessageType {
  @Field(() => ID) id!: string;
  @Field(() => LeadFeedOutcomeEnum) outcome!: LeadFeedOutcomeEnum;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => ID, { nullable: true }) recordId!: string | null;
  @Field(() => ID, { nullable: true }) personId!: string | null;
  @Field(() => String, { description: 'The raw message.' }) body!: string;
  @Field(() => DateTimeResolver) createdAt!: Date;
}

@ObjectType('LeadFeedMessagePage')
export class LeadFeedMessagePageType {
  @Field(() => [LeadFeedMessageType]) nodes!: LeadFeedMessageType[];
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}
