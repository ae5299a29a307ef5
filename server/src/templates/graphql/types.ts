import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('TemplateSummary', { description: 'A template in the server’s templates folder.' })
export class TemplateSummaryType {
  @Field(() => String) key!: string;
  @Field(() => String) name!: string;
  @Field(() => String) description!: string;
  @Field(() => Int) version!: number;
  @Field(() => Int, {
    nullable: true,
    description: 'The version installed in the current workspace, if any.',
  })
  installedVersion!: number | null;
  @Field(() => Boolean, { description: 'The template comes with sample data.' }) hasSampleData!: boolean;
  @Field(() => Int, {
    description:
      'Sample records of this template still untouched in the current workspace (what removeTemplateSampleData would remove).',
  })
  sampleRecordCount!: number;
}

@ObjectType('TemplatePlanStep')
export class TemplatePlanStepType {
  @Field(() => String, {
    description:
      'CREATE_OBJECT, EXTEND_OBJECT, ADD_FIELD, UPDATE_OBJECT, UPDATE_FIELD, ARCHIVE_FIELD, ARCHIVE_OBJECT, ADD_PIPELINE, REMOVE_PIPELINE, UPDATE_PIPELINE, ADD_STAGE, UPDATE_STAGE, ARCHIVE_STAGE, KEEP_STAGE, ADD_VIEW, UPDATE_VIEW, ADD_SAMPLE_RECORDS, SET_REMINDERS, ADD_AUTOMATION, UPDATE_AUTOMATION, SKIP_AUTOMATION, ADD_FORM, UPDATE_FORM, IMPORT_PHOTOS.',
  })
  action!: string;
  @Field(() => String, {
    description: 'What it changes, e.g. `boat`, `deal.boat`, `deal.boatSales.seaTrial`.',
  })
  target!: string;
  @Field(() => String) description!: string;
}

@ObjectType('TemplatePlan', { description: 'What installing a template changes (or changed).' })
export class TemplatePlanType {
  @Field(() => String) key!: string;
  @Field(() => Int, { nullable: true, description: 'The installed version, null on a first install.' })
  fromVersion!: number | null;
  @Field(() => Int) toVersion!: number;
  @Field(() => Boolean, { description: 'Installed at this version and nothing to change.' })
  upToDate!: boolean;
  @Field(() => [TemplatePlanStepType]) steps!: TemplatePlanStepType[];
}

@ObjectType('TemplatePhotoImport', {
  description:
    'A photo an upgrade fetches from a URL field into an IMAGE field (copyUrlToImage), and how it went.',
})
export class TemplatePhotoImportType {
  @Field(() => ID) id!: string;
  @Field(() => String) templateKey!: string;
  @Field(() => Int, { description: 'The version whose migration queued it.' }) templateVersion!: number;
  @Field(() => String) object!: string;
  @Field(() => ID) recordId!: string;
  @Field(() => String, { description: 'The IMAGE field the photo goes to.' }) field!: string;
  @Field(() => String) url!: string;
  @Field(() => String, { description: 'PENDING (queued or to be retried), DONE or FAILED.' }) status!: string;
  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' }) error!: string | null;
  @Field(() => ID, { nullable: true, description: 'The stored file, once DONE.' }) fileId!: string | null;
  @Field(() => Int) attempts!: number;
  @Field(() => DateTimeResolver) updatedAt!: Date;
}
