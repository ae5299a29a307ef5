import { JSONResolver } from 'graphql-scalars';
import { Arg, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { convert, readModels, removeRatingModel, saveRatingModel } from '../service.js';
import type { LeadsContext } from '../services.js';

@ObjectType('RatingModel', {
  description: 'An object’s lead-rating model (shape: docs/duplicates-and-rating.md).',
})
export class RatingModelType {
  @Field(() => String) objectKey!: string;
  @Field(() => JSONResolver, {
    description: '{scoreField, bandField, thresholds: {hot, warm}, rules: [...], conversion?}',
  })
  model!: unknown;
  @Field(() => Boolean, { description: 'Whether the object plays the lead role (its model converts).' })
  converts!: boolean;
}

@ObjectType('LeadConversionResult')
export class LeadConversionResultType {
  @Field(() => ID) personId!: string;
  @Field(() => Boolean, { description: 'False when an existing person matched by e-mail or phone.' })
  personCreated!: boolean;
  @Field(() => ID, { nullable: true }) companyId!: string | null;
  @Field(() => ID, { nullable: true }) dealId!: string | null;
}

@Resolver()
export class LeadResolver {
  @Query(() => [RatingModelType], { description: 'The workspace’s lead-rating models.' })
  async ratingModels(@Ctx() ctx: LeadsContext): Promise<RatingModelType[]> {
    return (await readModels(ctx)).map((m) => ({
      objectKey: m.object.key,
      model: m.model,
      converts: Boolean(m.model.conversion),
    }));
  }

  @Mutation(() => RatingModelType, {
    description:
      'Saves an object’s rating model (admins): adds its score and band fields and rates every record.',
  })
  async saveRatingModel(
    @Arg('objectKey', () => String) objectKey: string,
    @Arg('model', () => JSONResolver) model: unknown,
    @Ctx() ctx: LeadsContext,
  ): Promise<RatingModelType> {
    const saved = await saveRatingModel(ctx, objectKey, model);
    return { objectKey, model: saved, converts: Boolean(saved.conversion) };
  }

  @Mutation(() => Boolean, { description: 'Removes an object’s rating model; its fields and values stay.' })
  deleteRatingModel(
    @Arg('objectKey', () => String) objectKey: string,
    @Ctx() ctx: LeadsContext,
  ): Promise<boolean> {
    return removeRatingModel(ctx, objectKey);
  }

  @Mutation(() => LeadConversionResultType, {
    description:
      'Converts a lead into person, company and deal in one step, linked to each other and to the lead.',
  })
  convertLead(
    @Arg('objectKey', () => String) objectKey: string,
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: LeadsContext,
  ): Promise<LeadConversionResultType> {
    return convert(ctx, objectKey, id);
  }
}
