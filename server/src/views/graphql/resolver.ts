import { Arg, Ctx, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { ViewContext } from '../services.js';
import { parseId } from '../../platform/index.js';
import type { ViewEvent } from '../topics.js';
import { deliverViewEvent, subscribeToViews } from '../live.js';
import type { ViewKind } from '../model.js';
import {
  createView,
  deleteView,
  duplicateView,
  getView,
  listViews,
  translateView,
  updateView,
} from '../service.js';
import { expectLanguage } from '../../metadata/index.js';
import { CreateViewInput, UpdateViewInput } from './inputs.js';
import { toViewObject, toViewPatch } from './mappers.js';
import { ViewEventType, ViewObjectType } from './types.js';

@Resolver()
export class ViewResolver {
  @Query(() => [ViewObjectType], {
    description:
      'The views you can see (the shared ones and your own, in order) of an object, or of every object when none is named.',
  })
  async views(
    @Arg('object', () => String, { nullable: true }) object: string | null,
    @Ctx() ctx: ViewContext,
  ): Promise<ViewObjectType[]> {
    return (await listViews(ctx, object)).map((v) => toViewObject(v, ctx.language));
  }

  @Query(() => ViewObjectType, { nullable: true, description: 'A view you can see (NOT_FOUND otherwise).' })
  async view(@Arg('id', () => ID) id: string, @Ctx() ctx: ViewContext): Promise<ViewObjectType> {
    return toViewObject(await getView(ctx, parseId('id', id)), ctx.language);
  }

  @Mutation(() => ViewObjectType, {
    description: 'Saves a view, private unless shared (sharing takes a member); filter and sort are checked.',
  })
  async createView(
    @Arg('input', () => CreateViewInput) input: CreateViewInput,
    @Ctx() ctx: ViewContext,
  ): Promise<ViewObjectType> {
    const patch = toViewPatch(input, 'default');
    const view = await createView(ctx, input.object, {
      ...patch,
      name: input.name,
      type: input.type as ViewKind,
    });
    return toViewObject(view, ctx.language);
  }

  @Mutation(() => ViewObjectType, {
    description: 'Changes a view: your own, or a shared one if you are an admin.',
  })
  async updateView(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateViewInput) input: UpdateViewInput,
    @Ctx() ctx: ViewContext,
  ): Promise<ViewObjectType> {
    return toViewObject(await updateView(ctx, parseId('id', id), toViewPatch(input, 'refuse')), ctx.language);
  }

  @Mutation(() => Boolean, { description: 'Deletes a view: your own, or a shared one if you are an admin.' })
  async deleteView(@Arg('id', () => ID) id: string, @Ctx() ctx: ViewContext): Promise<boolean> {
    return deleteView(ctx, parseId('id', id));
  }

  @Mutation(() => ViewObjectType, {
    description:
      'Sets a view’s name in one language (de, it, zh, en); an empty name removes that translation. Whoever may edit the view.',
  })
  async translateView(
    @Arg('id', () => ID) id: string,
    @Arg('language', () => String) language: string,
    @Arg('name', () => String) name: string,
    @Ctx() ctx: ViewContext,
  ): Promise<ViewObjectType> {
    const chosen = expectLanguage(language, ['language']);
    return toViewObject(await translateView(ctx, parseId('id', id), chosen, name), ctx.language);
  }

  @Mutation(() => ViewObjectType, { description: 'Copies a view you can see as a private view of yours.' })
  async duplicateView(
    @Arg('id', () => ID) id: string,
    @Arg('name', () => String) name: string,
    @Ctx() ctx: ViewContext,
  ): Promise<ViewObjectType> {
    return toViewObject(await duplicateView(ctx, parseId('id', id), name), ctx.language);
  }

  @Subscription(() => ViewEventType, {
    description:
      'Changes of one view, or of every view of the workspace you can see (never another member’s private view).',
    subscribe: ({ args, context }) => {
      const { id } = args as { id?: string | null };
      return subscribeToViews(context as ViewContext, id ? parseId('id', id) : null);
    },
  })
  async viewChanged(
    @Root() event: ViewEvent,
    @Arg('id', () => ID, { nullable: true }) _id: string | null,
    @Ctx() ctx: ViewContext,
  ): Promise<ViewEventType> {
    const delivery = await deliverViewEvent(ctx, event);
    return { ...delivery, view: delivery.view && toViewObject(delivery.view, ctx.language) } as ViewEventType;
  }
}
