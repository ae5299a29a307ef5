import { JSONResolver } from 'graphql-scalars';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import {
  duplicateGroups,
  getRules,
  likelyDuplicates,
  merge,
  recordMerges,
  setRules,
  undo,
} from '../service.js';
import type { DuplicatesContext } from '../services.js';
import {
  DuplicateGroupType,
  DuplicateRuleInput,
  DuplicateRuleType,
  LikelyDuplicateType,
  MergeRecordsInput,
  RecordMergeType,
  type DuplicateMatchEnum,
} from './types.js';

@Resolver()
export class DuplicateResolver {
  @Query(() => [DuplicateRuleType], {
    description: 'The object’s duplicate rules (the defaults until an admin sets them).',
  })
  async duplicateRules(
    @Arg('objectKey', () => String) objectKey: string,
    @Ctx() ctx: DuplicatesContext,
  ): Promise<DuplicateRuleType[]> {
    return (await getRules(ctx, objectKey)).map((r) => ({ ...r, match: r.match as DuplicateMatchEnum }));
  }

  @Mutation(() => [DuplicateRuleType], { description: 'Replaces the object’s duplicate rules (admins).' })
  async setDuplicateRules(
    @Arg('objectKey', () => String) objectKey: string,
    @Arg('rules', () => [DuplicateRuleInput]) rules: DuplicateRuleInput[],
    @Ctx() ctx: DuplicatesContext,
  ): Promise<DuplicateRuleType[]> {
    const saved = await setRules(
      ctx,
      objectKey,
      rules.map((r) => ({ field: r.field, match: r.match, threshold: r.threshold ?? undefined })),
    );
    return saved.map((r) => ({ ...r, match: r.match as DuplicateMatchEnum }));
  }

  @Query(() => [LikelyDuplicateType], {
    description:
      'Live records that would be likely duplicates of a record with these values (the create form’s warning).',
  })
  likelyDuplicates(
    @Arg('objectKey', () => String) objectKey: string,
    @Arg('values', () => JSONResolver) values: Record<string, unknown>,
    @Arg('excludeId', () => ID, { nullable: true }) excludeId: string | null,
    @Ctx() ctx: DuplicatesContext,
  ): Promise<LikelyDuplicateType[]> {
    return likelyDuplicates(ctx, objectKey, values, excludeId);
  }

  @Query(() => [DuplicateGroupType], {
    description: 'Groups of likely duplicates among the object’s live records.',
  })
  duplicateGroups(
    @Arg('objectKey', () => String) objectKey: string,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Ctx() ctx: DuplicatesContext,
  ): Promise<DuplicateGroupType[]> {
    return duplicateGroups(ctx, objectKey, first);
  }

  @Query(() => [RecordMergeType], { description: 'Merges into or out of a record, newest first.' })
  recordMerges(
    @Arg('recordId', () => ID) recordId: string,
    @Ctx() ctx: DuplicatesContext,
  ): Promise<RecordMergeType[]> {
    return recordMerges(ctx, recordId);
  }

  @Mutation(() => RecordMergeType, {
    description:
      'Merges records into the survivor: chosen values, every relation re-pointed, comments moved, the others deleted; undoable.',
  })
  mergeRecords(
    @Arg('input', () => MergeRecordsInput) input: MergeRecordsInput,
    @Ctx() ctx: DuplicatesContext,
  ): Promise<RecordMergeType> {
    return merge(ctx, input.objectKey, {
      survivorId: input.survivorId,
      mergedIds: input.mergedIds,
      choices: Object.fromEntries(input.values.map((v) => [v.field, v.recordId])),
    });
  }

  @Mutation(() => RecordMergeType, {
    description: 'Undoes a merge: the merged records and everything moved come back.',
  })
  undoMerge(@Arg('id', () => ID) id: string, @Ctx() ctx: DuplicatesContext): Promise<RecordMergeType> {
    return undo(ctx, id);
  }
}
