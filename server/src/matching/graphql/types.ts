import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { criterionKinds } from '../definition.js';

export const CriterionKindEnum = Object.fromEntries(criterionKinds.map((k) => [k, k])) as {
  [K in (typeof criterionKinds)[number]]: K;
};
export type CriterionKindEnum = (typeof criterionKinds)[number];

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

registerEnumType(CriterionKindEnum, {
  name: 'MatchCriterionKind',
  description: 'How a criterion compares the candidate’s field with the seeker’s (docs/matching.md).',
});

@ObjectType('MatchCriterion', { description: 'One criterion of a match definition, as stored.' })
export class MatchCriterionType {
  @Field(() => String) key!: string;
  @Field(() => String, { nullable: true }) label!: string | null;
  @Field(() => CriterionKindEnum) kind!: CriterionKindEnum;
  @Field(() => String, { description: 'A field of the seeker object.' }) seeker!: string;
  @Field(() => String, { description: 'A field of the candidate object.' }) candidate!: string;
  @Field(() => Float) weight!: number;
  @Field(() => Boolean, { description: 'A pair failing it does not match.' }) required!: boolean;
  @Field(() => Float, { nullable: true, description: 'AT_MOST only.' }) tolerancePercent!: number | null;
}

@ObjectType('MatchDefinition', {
  description: 'A match definition as an admin edits it; `problem` says why it does not run now.',
})
export class MatchDefinitionType {
  @Field(() => String) key!: string;
  @Field(() => String) name!: string;
  @Field(() => String) seekerObject!: string;
  @Field(() => String) candidateObject!: string;
  @Field(() => Int) minScore!: number;
  @Field(() => [MatchCriterionType]) criteria!: MatchCriterionType[];
  @Field(() => String, { nullable: true, description: 'Set when the workspace’s fields no longer fit it.' })
  problem!: string | null;
}

@InputType('MatchCriterionInput')
export class MatchCriterionInput {
  @Field(() => String) key!: string;
  @Field(() => String, { nullable: true }) label?: string | null;
  @Field(() => CriterionKindEnum) kind!: CriterionKindEnum;
  @Field(() => String) seeker!: string;
  @Field(() => String) candidate!: string;
  @Field(() => Float) weight!: number;
  @Field(() => Boolean, { nullable: true }) required?: boolean | null;
  @Field(() => Float, { nullable: true }) tolerancePercent?: number | null;
}

@InputType('UpdateMatchDefinitionInput')
export class UpdateMatchDefinitionInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => Int, { nullable: true }) minScore?: number | null;
  @Field(() => [MatchCriterionInput], { description: 'Every criterion, in order (replaces them).' })
  criteria!: MatchCriterionInput[];
}
