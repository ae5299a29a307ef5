import { Field, ObjectType } from 'type-graphql';

@ObjectType('DocumentMergeField', {
  description: 'A value a document template may insert: `{{ record.seller.name }}`.',
})
export class MergeFieldType {
  @Field(() => String) path!: string;
  @Field(() => String) label!: string;
  @Field(() => String, { description: 'The field type (TEXT, CURRENCY…).' }) type!: string;
}
