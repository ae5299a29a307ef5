import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requirePermission } from '../../identity/index.js';
import { BadInput, decodeTimeCursor, encodeTimeCursor } from '../../platform/index.js';
import {
  createForm,
  deleteForm,
  enableLeadFeed,
  feedUrl,
  formSnippet,
  getForm,
  hostedUrl,
  leadFeed,
  rotateLeadFeed,
  updateForm,
} from '../admin.js';
import { listFeedMessages, type LeadFeed } from '../lead-feed-store.js';
import type { WebForm } from '../model.js';
import type { WebFormsContext } from '../services.js';
import { listForms, listSubmissions } from '../store.js';
import {
  LeadFeedMessagePageType,
  LeadFeedType,
  WebFormInput,
  WebFormSubmissionPageType,
  WebFormType,
  type LeadFeedOutcomeEnum,
  type WebFormSubmissionOutcomeEnum,
} from './types.js';

const maxPage = 200;

function checkFirst(first: number): void {
  if (!Number.isInteger(first) || first < 1 || first > maxPage)
    throw new BadInput(['first'], `first: must be a whole number from 1 to ${maxPage}.`);
}

function typed(ctx: WebFormsContext, form: WebForm): WebFormType {
  return {
    id: form.id,
    key: form.key,
    name: form.name,
    objectKey: form.objectKey,
    fields: form.fields,
    ...form.settings,
    enabled: form.enabled,
    createdAt: form.createdAt,
    updatedAt: form.updatedAt,
    hostedUrl: hostedUrl(ctx, form),
  };
}

const typedFeed = (ctx: WebFormsContext, feed: LeadFeed): LeadFeedType => ({
  url: feedUrl(ctx, feed),
  enabled: feed.enabled,
  createdAt: feed.createdAt,
});

@Resolver(() => WebFormType)
export class WebFormResolver {
  @Query(() => [WebFormType], { description: 'The workspace’s web forms (admins).' })
  async webForms(@Ctx() ctx: WebFormsContext): Promise<WebFormType[]> {
    const { workspaceId } = requirePermission(ctx, 'forms.manage');
    return (await listForms(ctx.em, workspaceId)).map((form) => typed(ctx, form));
  }

  @Query(() => WebFormType)
  async webForm(@Arg('id', () => ID) id: string, @Ctx() ctx: WebFormsContext): Promise<WebFormType> {
    return typed(ctx, await getForm(ctx, id));
  }

  @FieldResolver(() => String, {
    description: 'HTML to paste into a site: the form and the optional script.',
  })
  async embedSnippet(@Root() form: WebFormType, @Ctx() ctx: WebFormsContext): Promise<string> {
    return formSnippet(ctx, await getForm(ctx, form.id));
  }

  @Query(() => WebFormSubmissionPageType, { description: 'A form’s submissions, newest first (admins).' })
  async webFormSubmissions(
    @Arg('formId', () => ID) formId: string,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: WebFormsContext,
  ): Promise<WebFormSubmissionPageType> {
    checkFirst(first);
    const form = await getForm(ctx, formId);
    const rows = await listSubmissions(ctx.em, form.id, first, after ? decodeTimeCursor(after) : null);
    const page = rows.slice(0, first);
    const last = page.at(-1);
    return {
      nodes: page.map((s) => ({
        ...s,
        outcome: s.outcome as WebFormSubmissionOutcomeEnum,
        values: JSON.stringify(s.values),
      })),
      hasNextPage: rows.length > first,
      endCursor: last ? encodeTimeCursor(last.createdAt, last.id) : null,
    };
  }

  @Mutation(() => WebFormType)
  async createWebForm(
    @Arg('input', () => WebFormInput) input: WebFormInput,
    @Ctx() ctx: WebFormsContext,
  ): Promise<WebFormType> {
    return typed(ctx, await createForm(ctx, input));
  }

  @Mutation(() => WebFormType)
  async updateWebForm(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => WebFormInput) input: WebFormInput,
    @Ctx() ctx: WebFormsContext,
  ): Promise<WebFormType> {
    return typed(ctx, await updateForm(ctx, id, input));
  }

  @Mutation(() => Boolean, { description: 'Deletes a form with its submission log (records stay).' })
  async deleteWebForm(@Arg('id', () => ID) id: string, @Ctx() ctx: WebFormsContext): Promise<boolean> {
    return deleteForm(ctx, id);
  }

  @Query(() => LeadFeedType, { nullable: true, description: 'The ADF lead feed (admins); null until made.' })
  async leadFeed(@Ctx() ctx: WebFormsContext): Promise<LeadFeedType | null> {
    const feed = await leadFeed(ctx);
    return feed && typedFeed(ctx, feed);
  }

  @Mutation(() => LeadFeedType, { description: 'Makes the lead feed, or gives it a new secret address.' })
  async rotateLeadFeedUrl(@Ctx() ctx: WebFormsContext): Promise<LeadFeedType> {
    return typedFeed(ctx, await rotateLeadFeed(ctx));
  }

  @Mutation(() => LeadFeedType)
  async setLeadFeedEnabled(
    @Arg('enabled', () => Boolean) enabled: boolean,
    @Ctx() ctx: WebFormsContext,
  ): Promise<LeadFeedType> {
    return typedFeed(ctx, await enableLeadFeed(ctx, enabled));
  }

  @Query(() => LeadFeedMessagePageType, {
    description: 'Messages the lead feed received, newest first (admins).',
  })
  async leadFeedMessages(
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: WebFormsContext,
  ): Promise<LeadFeedMessagePageType> {
    checkFirst(first);
    const { workspaceId } = requirePermission(ctx, 'forms.manage');
    const rows = await listFeedMessages(ctx.em, workspaceId, first, after ? decodeTimeCursor(after) : null);
    const page = rows.slice(0, first);
    const last = page.at(-1);
    return {
      nodes: page.map((m) => ({ ...m, outcome: m.outcome as LeadFeedOutcomeEnum })),
      hasNextPage: rows.length > first,
      endCursor: last ? encodeTimeCursor(last.createdAt, last.id) : null,
    };
  }
}
