import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('MatchedCriterion', { description: 'A criterion of a match definition that a pair meets.' })
export class MatchedCriterionType {
  @Field(() => String) key!: string;
  @Field(() => String) label!: string;
}

@ObjectType('Match', {
  description: 'A record matching the one asked about, with its score (docs/matching.md).',
})
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

@ObjectType('MatchesChanged', {
  description: 'A record’s matches changed: all of them, as you may now see them.',
})
export class MatchesChangedType {
  @Field(() => ID) recordId!: string;
  @Field(() => [MatchType]) matches!: MatchType[];
}

@ObjectType('MatchDefinitionInfo', { description: 'A match definition of the workspace (docs/matching.md).' })
export class MatchDefinitionInfoType {
  @Field(() => String) key!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'The seeker object’s key (buyers).' }) seekerObject!: string;
  @Field(() => String, { description: 'The candidate object’s key (listings).' }) candidateObject!: string;
  @Field(() => Int) minScore!: number;
  @Field(() => [MatchedCriterionType], { description: 'Every criterion, in order.' })
  criteria!: MatchedCriterionType[];
}
