import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { erasePersonalData } from '../erase.js';
import type { PrivacyContext } from '../services.js';

@ObjectType('PersonalDataErasure', { description: 'What an erasure anonymised (never the values erased).' })
export class PersonalDataErasureType {
  @Field(() => String) object!: string;
  @Field(() => ID) recordId!: string;
  @Field(() => [String], { description: 'The record’s fields anonymised.' }) fields!: string[];
  @Field(() => Int, { description: 'Related records whose text and history were cleared of the person.' })
  relatedRecords!: number;
  @Field(() => Int) comments!: number;
  @Field(() => Int) emails!: number;
  @Field(() => Int) notifications!: number;
}

@Resolver()
export class PrivacyResolver {
  @Mutation(() => PersonalDataErasureType, {
    description:
      'Erases a person (admins): anonymises their record’s personal fields, its history, comments, e-mails and notifications, and their name and addresses in related records, in place. Numbers, money, dates and relations stay. Audited; cannot be undone. The export is `GET /export/privacy/<object>/<recordId>.zip`.',
  })
  erasePersonalData(
    @Arg('object', () => String) object: string,
    @Arg('recordId', () => ID) recordId: string,
    @Ctx() ctx: PrivacyContext,
  ): Promise<PersonalDataErasureType> {
    return erasePersonalData(ctx, object, recordId);
  }
}
