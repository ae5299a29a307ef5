import { Arg, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { definitionsForAdmin, editDefinition, type DefinitionForAdmin } from '../admin.js';
import type { MatchDefinition } from '../definition.js';
import { definitionsOf } from '../store.js';
import { definitionInfos, emailMatches, matchesFor, subjectOf, type MatchSide } from '../service.js';
import type { MatchingContext } from '../services.js';
import { watchMatches, type MatchesChanged } from '../topics.js';
import { resumedFrom } from '../../realtime/index.js';
import {
  MatchDefinitionInfoType,
  MatchDefinitionType,
  MatchesChangedType,
  MatchType,
  UpdateMatchDefinitionInput,
} from './types.js';

const toDefinitionType = ({ definition, problem }: DefinitionForAdmin): MatchDefinitionType => ({
  key: definition.key,
  name: definition.name,
  seekerObject: definition.seeker.object,
  candidateObject: definition.candidate.object,
  minScore: definition.minScore,
  criteria: definition.criteria.map((c) => ({
    ...c,
    label: c.label ?? null,
    required: c.required ?? false,
    tolerancePercent: c.tolerancePercent ?? null,
  })),
  problem,
});

@Resolver()
export class MatchingResolver {
  @Query(() => [MatchDefinitionInfoType], {
    description: 'The workspace’s match definitions: which objects a record page shows matches for.',
  })
  matchDefinitions(@Ctx() ctx: MatchingContext): Promise<MatchDefinitionInfoType[]> {
    return definitionInfos(ctx);
  }

  @Query(() => [MatchDefinitionType], {
    description:
      'Every stored match definition with its criteria in full, for the admin screen (takes changing metadata).',
  })
  async matchDefinitionsForAdmin(@Ctx() ctx: MatchingContext): Promise<MatchDefinitionType[]> {
    return (await definitionsForAdmin(ctx)).map(toDefinitionType);
  }

  @Mutation(() => MatchDefinitionType, {
    description:
      'Changes a match definition’s name, minimum score and criteria (replaced, in order), checked like a template’s: BAD_USER_INPUT names the part (`input.criteria.1.seeker`). Every pair is rescored; open pages are told.',
  })
  async updateMatchDefinition(
    @Arg('key', () => String) key: string,
    @Arg('input', () => UpdateMatchDefinitionInput) input: UpdateMatchDefinitionInput,
    @Ctx() ctx: MatchingContext,
  ): Promise<MatchDefinitionType> {
    const definition: MatchDefinition = await editDefinition(ctx, key, input);
    return toDefinitionType({ definition, problem: null });
  }

  @Query(() => [MatchType], {
    description:
      'Candidates matching a seeker (listings for a buyer), best first, under every match definition.',
  })
  matchesForSeeker(
    @Arg('object', () => String) object: string,
    @Arg('id', () => ID) id: string,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Ctx() ctx: MatchingContext,
  ): Promise<MatchType[]> {
    return matchesFor(ctx, 'seeker', object, id, first);
  }

  @Query(() => [MatchType], {
    description:
      'Seekers a candidate matches (buyers for a listing), best first, under every match definition.',
  })
  matchesForCandidate(
    @Arg('object', () => String) object: string,
    @Arg('id', () => ID) id: string,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Ctx() ctx: MatchingContext,
  ): Promise<MatchType[]> {
    return matchesFor(ctx, 'candidate', object, id, first);
  }

  @Mutation(() => Int, {
    description:
      'E-mails a seeker (a buyer) the candidates matching them, to their e-mail field; returns how many. Takes writing records.',
  })
  emailMatches(
    @Arg('object', () => String) object: string,
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: MatchingContext,
  ): Promise<number> {
    return emailMatches(ctx, object, id);
  }

  @Subscription(() => MatchesChangedType, {
    description:
      'Each time a record’s matches change (either side changed a matched field or left a filter): its matches as a seeker or a candidate, as you may see them. With `after` (a `changeCursor` read beside the matches), a change since that read comes first.',
    subscribe: async ({ args, context }) => {
      const ctx = context as MatchingContext;
      const { object, id, after } = args as { object: string; id: string; after?: string | null };
      const since = resumedFrom(after);
      const subject = await subjectOf(ctx, object, id);
      // The objects its matches are computed from: both sides of each definition it is on.
      const ids = new Set<string>();
      for (const d of await definitionsOf(ctx.em, subject.metadata))
        if (d.seeker.id === subject.object.id || d.candidate.id === subject.object.id)
          ids.add(d.seeker.id).add(d.candidate.id);
      // Its catch-up reads after this call returns: an entity manager of its own.
      return watchMatches(
        ctx.services.events,
        ctx.em.fork(),
        subject.access.workspaceId,
        subject.recordId,
        since,
        { schema: subject.metadata.schema, ids: [...ids] },
      );
    },
  })
  async matchesChanged(
    @Root() event: MatchesChanged,
    @Arg('object', () => String) object: string,
    @Arg('id', () => ID) _id: string,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
    @Ctx() ctx: MatchingContext,
  ): Promise<MatchesChangedType> {
    // Each event is its own unit of work on the socket's long-lived context.
    const fresh = { ...ctx, em: ctx.em.fork() };
    const subject = await subjectOf(fresh, object, event.recordId);
    const sides = new Set<MatchSide>();
    for (const d of await definitionsOf(fresh.em, subject.metadata)) {
      if (d.seeker.id === subject.object.id) sides.add('seeker');
      if (d.candidate.id === subject.object.id) sides.add('candidate');
    }
    const matches = [];
    for (const side of sides) matches.push(...(await matchesFor(fresh, side, object, event.recordId)));
    return { recordId: event.recordId, matches };
  }
}
