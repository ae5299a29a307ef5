import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { Field, Float, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';

export enum DuplicateMatchEnum {
  EXACT = 'EXACT',
  FUZZY = 'FUZZY',
}
registerEnumType(DuplicateMatchEnum, {
  name: 'DuplicateMatch',
  description: 'EXACT: normalised values equal (e-mail, phone, text); FUZZY: trigram similarity of names.',
});

@ObjectType('DuplicateRule', {
  description: 'A record is a likely duplicate of another when any rule matches.',
})
export class DuplicateRuleType {
  @Field(() => String) field!: string;
  @Field(() => DuplicateMatchEnum) match!: DuplicateMatchEnum;
  @Field(() => Float, { nullable: true, description: 'FUZZY: the least similarity, 0–1.' })
  threshold?: number | null;
}

@InputType('DuplicateRuleInput')
export class DuplicateRuleInput {
  @Field(() => String) field!: string;
  @Field(() => DuplicateMatchEnum) match!: DuplicateMatchEnum;
  @Field(() => Float, { nullable: true }) threshold?: number | null;
}

@ObjectType('DuplicateRecord', { description: 'A record of a duplicate group or a likely duplicate.' })
export class DuplicateRecordType {
  @Field(() => ID) id!: string;
  @Field(() => String) label!: string;
  @Field(() => JSONResolver, { description: 'The record’s values by field key.' })
  values!: Record<string, unknown>;
}

@ObjectType('LikelyDuplicate')
export class LikelyDuplicateType extends DuplicateRecordType {
  @Field(() => [String], { description: 'The fields whose rules matched.' }) fields!: string[];
  @Field(() => Float, { description: 'Rules matched plus name similarity: higher is likelier.' })
  score!: number;
}

@ObjectType('DuplicateGroup')
export class DuplicateGroupType {
  @Field(() => [DuplicateRecordType]) records!: DuplicateRecordType[];
  @Field(() => [String], { description: 'The fields whose rules joined the group.' }) fields!: string[];
}

@InputType('MergeChoiceInput', { description: 'The survivor keeps `field`’s value from `recordId`.' })
export class MergeChoiceInput {
  @Field(() => String) field!: string;
  @Field(() => ID) recordId!: string;
}

@InputType('MergeRecordsInput')
export class MergeRecordsInput {
  @Field(() => String) objectKey!: string;
  @Field(() => ID) survivorId!: string;
  @Field(() => [ID]) mergedIds!: string[];
  @Field(() => [MergeChoiceInput], {
    defaultValue: [],
    description:
      'Fields not named keep the survivor’s value (or, when it is empty, the first merged record’s).',
  })
  values!: MergeChoiceInput[];
}

@ObjectType('RecordMerge', { description: 'A merge: the audit entry, undoable once.' })
export class RecordMergeType {
  @Field(() => ID) id!: string;
  @Field(() => ID) objectId!: string;
  @Field(() => ID) survivorId!: string;
  @Field(() => [ID]) mergedIds!: string[];
  @Field(() => ID, { nullable: true }) actorId!: string | null;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true }) undoneAt!: Date | null;
}
