import { Arg, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { definitionsOf } from '../store.js';
import { definitionInfos, emailMatches, matchesFor, subjectOf, type MatchSide } from '../service.js';
import type { MatchingContext } from '../services.js';
import { matchesTopic, type MatchesChanged } from '../topics.js';
import { MatchDefinitionInfoType, MatchesChangedType, MatchType } from './types.js';

@Resolver()
export class MatchingResolver {
  @Query(() => [MatchDefinitionInfoType], {
    description: 'The workspace’s match definitions: which objects a record page shows matches for.',
  })
  matchDefinitions(@Ctx() ctx: MatchingContext): Promise<MatchDefinitionInfoType[]> {
    return definitionInfos(ctx);
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
      'Each time a record’s matches change (either side changed a matched field or left a filter): its matches as a seeker or a candidate, as you may see them.',
    subscribe: async ({ args, context }) => {
      const ctx = context as MatchingContext;
      const { object, id } = args as { object: string; id: string };
      const subject = await subjectOf(ctx, object, id);
      return ctx.services.events.subscribe(
        'matching.changed',
        matchesTopic(subject.access.workspaceId, subject.recordId),
      );
    },
  })
  async matchesChanged(
    @Root() event: MatchesChanged,
    @Arg('object', () => String) object: string,
    @Arg('id', () => ID) _id: string,
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
