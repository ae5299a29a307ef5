import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('MatchedCriterion', { description: 'A criterion of a match definition that a pair meets.' })
export class MatchedCriterionType {
  @Field(() => String) key!: string;
  @Field(() => String) label!: string;
}

@ObjectType('Match', { description: 'A record matching the one asked about, with its score (docs/matching.md).' })
export class MatchType {
  @Field(() => String, { description: 'The match definition’s key.' }) definitionKey!: string;
  @Field(() => String) definitionName!: string;
  @Field(() => String, { description: 'The matching record’s object key.' }) object!: string;
  @Field(() => ID) recordId!: string;
  @Field(() => String) label!: string;
  @Field(() => Int, { description: '0–100: the matched criteria’s share of all criteria’s weights.' })
  score!: number;
  @Field(() => [MatchedCriterionType]) matched!: MatchedCriterionType[];
}

@ObjectType('MatchesChanged', { description: 'A record’s matches changed: all of them, as you may now see them.' })
export class MatchesChangedType {
  @Field(() => ID) recordId!: string;
  @Field(() => [MatchType]) matches!: MatchType[];
}
