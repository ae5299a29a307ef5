import { JSONResolver } from 'graphql-scalars';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { MetadataContext } from '../services.js';
import { requirePermission } from '../../identity/index.js';
import { BadInput, NotFound } from '../../platform/index.js';
import { describeFieldTypes } from '../field-types.js';
import { addField, findField, patchField, purgeArchivedField, setFieldArchived } from '../fields.js';
import { loadMetadata } from '../load.js';
import { installStandardObjects, planStandardObjects } from '../install-standard.js';
import { isSearched, reindexSearch } from '../search-index.js';
import type { FieldDef, ObjectDef, WorkspaceMetadata } from '../model.js';
import { addObject, patchObject, setObjectArchived } from '../objects.js';
import { changeMetadata, type MetadataTx } from '../transaction.js';
import { changeFieldType, planTypeChange, type TypeChangeReport } from '../type-change.js';
import { routeFieldLabel, routeKeyedLabels, routeObjectLabels } from '../translations.js';
import {
  expectLanguage,
  setLabelTranslations,
  writeFieldTranslations,
  writeObjectTranslations,
} from '../translations-write.js';
import { setFieldUnique } from '../unique.js';
import {
  CreateFieldInput,
  CreateObjectInput,
  FieldSettingsInput,
  UpdateFieldInput,
  UpdateObjectInput,
} from './inputs.js';
import { toFieldDefinition, toObjectDefinition, toVinDecoding } from './mappers.js';
import { decodeVin } from '../vin/decode.js';
import {
  FieldDefinitionType,
  FieldTypeChangeType,
  FieldTypeEnum,
  FieldTypeInfoType,
  ObjectDefinitionType,
  StandardObjectsInstallType,
  VinDecodingType,
} from './types.js';

function objectIn(metadata: WorkspaceMetadata, idOrKey: string, path: string): ObjectDef {
  const object = metadata.objects.find((o) => o.id === idOrKey || o.key === idOrKey);
  if (!object) throw new BadInput(path.split('.'), `No object “${idOrKey.slice(0, 70)}” in this workspace.`);
  return object;
}

function fieldIn(metadata: WorkspaceMetadata, id: string): { object: ObjectDef; field: FieldDef } {
  for (const object of metadata.objects) {
    const field = findField(object, id);
    if (field && field.id === id) return { object, field };
  }
  throw new NotFound('That field');
}

/**
 * The workspace's metadata as the caller's profile has it: without what it hides (fields,
 * objects it may not read), and its read-only fields marked, so clients never ask the records
 * API for a field its schema lacks nor offer to edit one it refuses.
 */
async function callerMetadata(ctx: MetadataContext): Promise<WorkspaceMetadata> {
  const access = requirePermission(ctx, 'records.read');
  const full = await loadMetadata(ctx.em, access.workspaceId);
  const { metadata: view, scope } = await ctx.services.metadataViews.forCaller(
    access.workspaceId,
    access.caller.user.id,
    access.role,
    full,
  );
  if (view === full && !scope) return full;
  // The view archives what it hides; leave those out rather than list them as archived.
  const hidden = (was: { archivedAt: Date | null }, is: { archivedAt: Date | null }) =>
    !was.archivedAt && !!is.archivedAt;
  const objects = view.objects.flatMap((object, i) => {
    const before = full.objects[i]!;
    if (hidden(before, object)) return [];
    const readOnly = scope?.readOnlyKeys(object) ?? new Set<string>();
    const fields = object.fields
      .filter((f, j) => !hidden(before.fields[j]!, f))
      .map((f) => (readOnly.has(f.key) ? { ...f, readOnly: true } : f));
    return [{ ...object, fields }];
  });
  return { ...view, objects };
}

async function fresh(tx: MetadataTx): Promise<WorkspaceMetadata> {
  return loadMetadata(tx.em, tx.workspaceId);
}

@Resolver()
export class MetadataResolver {
  @Query(() => [ObjectDefinitionType], {
    description: 'The objects of the current workspace and their fields.',
  })
  async objects(
    @Arg('includeArchived', () => Boolean, { defaultValue: false }) includeArchived: boolean,
    @Ctx() ctx: MetadataContext,
  ): Promise<ObjectDefinitionType[]> {
    const metadata = await callerMetadata(ctx);
    return metadata.objects
      .filter((o) => includeArchived || !o.archivedAt)
      .map((o) => toObjectDefinition(o, metadata, ctx.language));
  }

  @Query(() => [FieldTypeInfoType], {
    description: 'Every field type and what it offers, so clients need no copy of these rules.',
  })
  fieldTypes(@Ctx() ctx: MetadataContext): FieldTypeInfoType[] {
    requirePermission(ctx, 'records.read');
    return describeFieldTypes();
  }

  @Query(() => VinDecodingType, {
    description: 'Checks and decodes a VIN without saving anything, for forms to prefill make and year.',
  })
  decodeVin(@Arg('vin', () => String) vin: string, @Ctx() ctx: MetadataContext): VinDecodingType {
    requirePermission(ctx, 'records.read');
    return toVinDecoding(decodeVin(vin));
  }

  @Query(() => ObjectDefinitionType, { nullable: true })
  async object(
    @Arg('key', () => String) key: string,
    @Ctx() ctx: MetadataContext,
  ): Promise<ObjectDefinitionType | null> {
    const metadata = await callerMetadata(ctx);
    const object = metadata.objects.find((o) => o.key === key || o.id === key);
    return object ? toObjectDefinition(object, metadata, ctx.language) : null;
  }

  @Mutation(() => ObjectDefinitionType, {
    description: 'Creates an object with a `name` field; live at once.',
  })
  async createObject(
    @Arg('input', () => CreateObjectInput) input: CreateObjectInput,
    @Ctx() ctx: MetadataContext,
  ): Promise<ObjectDefinitionType> {
    return changeMetadata(ctx, async (tx) => {
      const object = await addObject(tx, input);
      await tx.em.flush();
      const metadata = await fresh(tx);
      return toObjectDefinition(objectIn(metadata, object.id, 'input'), metadata, ctx.language);
    });
  }

  @Mutation(() => StandardObjectsInstallType, {
    description:
      'Adds the standard objects a workspace made before they existed lacks (product, price); a no-op when it has them all. An object of yours holding one of their keys refuses it (CONFLICT, reason STANDARD_OBJECT_CLASH).',
  })
  async installStandardObjects(@Ctx() ctx: MetadataContext): Promise<StandardObjectsInstallType> {
    const { workspaceId } = requirePermission(ctx, 'metadata.write');
    // Checked before the metadata lock too, so a second run changes nothing (not even the version).
    const plan = planStandardObjects(await loadMetadata(ctx.em, workspaceId));
    if (!plan.missing.length) return { installed: [], alreadyPresent: plan.present };
    const done = await changeMetadata(ctx, (tx) => installStandardObjects(tx));
    return { installed: done.missing.map((o) => o.key), alreadyPresent: done.present };
  }

  @Mutation(() => ObjectDefinitionType, {
    description: 'Changes labels, icon, description or label field; keys never change.',
  })
  async updateObject(
    @Arg('object', () => String) objectKey: string,
    @Arg('input', () => UpdateObjectInput) input: UpdateObjectInput,
    @Ctx() ctx: MetadataContext,
  ): Promise<ObjectDefinitionType> {
    return changeMetadata(ctx, async (tx) => {
      const object = objectIn(tx.metadata, objectKey, 'object');
      // A label the caller sees translated changes that translation (translations.ts).
      const routed = routeObjectLabels(object, ctx.language, input);
      await patchObject(tx, object, routed.patch);
      if (routed.translations) await writeObjectTranslations(tx, object, routed.translations);
      await tx.em.flush();
      const metadata = await fresh(tx);
      return toObjectDefinition(objectIn(metadata, object.id, 'object'), metadata, ctx.language);
    });
  }

  @Mutation(() => ObjectDefinitionType, {
    description:
      'Replaces one language’s translation of an object’s labels and of the fields it names: `labels` is { labelSingular, labelPlural, description, fields: { <key>: { label, helpText, choices: { <key>: label }, stages: {…}, pipelines: {…} } } }; an empty label removes its translation. Admins.',
  })
  async setLabelTranslations(
    @Arg('object', () => String) objectKey: string,
    @Arg('language', () => String) language: string,
    @Arg('labels', () => JSONResolver) labels: unknown,
    @Ctx() ctx: MetadataContext,
  ): Promise<ObjectDefinitionType> {
    const chosen = expectLanguage(language, ['language']);
    return changeMetadata(ctx, async (tx) => {
      const object = objectIn(tx.metadata, objectKey, 'object');
      await setLabelTranslations(tx, object, chosen, labels);
      await tx.em.flush();
      const metadata = await fresh(tx);
      return toObjectDefinition(objectIn(metadata, object.id, 'object'), metadata, ctx.language);
    });
  }

  @Mutation(() => ObjectDefinitionType, {
    description: 'Hides an object from the API; its records are kept.',
  })
  async archiveObject(@Arg('object', () => String) objectKey: string, @Ctx() ctx: MetadataContext) {
    return this.setObjectArchived(ctx, objectKey, true);
  }

  @Mutation(() => ObjectDefinitionType)
  async restoreObject(@Arg('object', () => String) objectKey: string, @Ctx() ctx: MetadataContext) {
    return this.setObjectArchived(ctx, objectKey, false);
  }

  @Mutation(() => FieldDefinitionType, {
    description: 'Adds a field (a relation adds its inverse too); live at once.',
  })
  async createField(
    @Arg('input', () => CreateFieldInput) input: CreateFieldInput,
    @Ctx() ctx: MetadataContext,
  ): Promise<FieldDefinitionType> {
    return changeMetadata(ctx, async (tx) => {
      const object = objectIn(tx.metadata, input.object, 'input.object');
      const field = await addField(tx, object, { ...input, options: input.settings }, ['input']);
      await tx.em.flush();
      const metadata = await fresh(tx);
      return toFieldDefinition(fieldIn(metadata, field.id).field, metadata, ctx.language);
    });
  }

  @Mutation(() => FieldDefinitionType, {
    description: 'Relabels or changes the rules of a field; its key never changes.',
  })
  async updateField(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateFieldInput) input: UpdateFieldInput,
    @Ctx() ctx: MetadataContext,
  ): Promise<FieldDefinitionType> {
    requirePermission(ctx, 'metadata.write');
    if (input.unique !== undefined && input.unique !== null) await setFieldUnique(ctx, id, input.unique);
    return changeMetadata(ctx, async (tx) => {
      const { object, field } = fieldIn(tx.metadata, id);
      const language = ctx.language;
      // Labels the caller sees translated change those translations (translations.ts).
      const routed = routeFieldLabel(field, language, input);
      let translations = routed.translations ?? field.translations ?? {};
      let settings = input.settings;
      const ownChoices = translations[language]?.choices;
      if (settings?.choices && ownChoices) {
        const choices = routeKeyedLabels(settings.choices, field.options.choices ?? [], ownChoices);
        settings = { ...settings, choices: choices.items };
        translations = {
          ...translations,
          [language]: { ...translations[language], choices: choices.translated },
        };
      }
      await patchField(tx, object, field, { ...routed.patch, options: settings });
      if (translations !== (field.translations ?? {})) await writeFieldTranslations(tx, field, translations);
      await tx.em.flush();
      const metadata = await fresh(tx);
      return toFieldDefinition(fieldIn(metadata, id).field, metadata, ctx.language);
    });
  }

  @Mutation(() => FieldDefinitionType, {
    description: 'Hides a field from the API and forms; its data is kept.',
  })
  async archiveField(@Arg('id', () => ID) id: string, @Ctx() ctx: MetadataContext) {
    return this.setFieldArchived(ctx, id, true);
  }

  @Mutation(() => FieldDefinitionType, { description: 'Brings an archived field back with its data.' })
  async restoreField(@Arg('id', () => ID) id: string, @Ctx() ctx: MetadataContext) {
    return this.setFieldArchived(ctx, id, false);
  }

  @Mutation(() => Boolean, { description: 'Deletes an archived field and its data for good.' })
  async purgeField(@Arg('id', () => ID) id: string, @Ctx() ctx: MetadataContext): Promise<boolean> {
    return changeMetadata(ctx, async (tx) => {
      const { object, field } = fieldIn(tx.metadata, id);
      await purgeArchivedField(tx, object, field);
      return true;
    });
  }

  @Query(() => FieldTypeChangeType, {
    description: 'Dry run of changeFieldType: how many values would convert.',
  })
  async fieldTypeChangePlan(
    @Arg('id', () => ID) id: string,
    @Arg('type', () => FieldTypeEnum) type: FieldTypeEnum,
    @Arg('settings', () => FieldSettingsInput, { nullable: true }) settings: FieldSettingsInput | null,
    @Ctx() ctx: MetadataContext,
  ): Promise<FieldTypeChangeType> {
    return this.toReport(ctx, await planTypeChange(ctx, id, type, settings));
  }

  @Mutation(() => FieldTypeChangeType, {
    description:
      'Changes a field’s type, converting its values; refused when some would not convert, unless force.',
  })
  async changeFieldType(
    @Arg('id', () => ID) id: string,
    @Arg('type', () => FieldTypeEnum) type: FieldTypeEnum,
    @Arg('settings', () => FieldSettingsInput, { nullable: true }) settings: FieldSettingsInput | null,
    @Arg('force', () => Boolean, { defaultValue: false }) force: boolean,
    @Ctx() ctx: MetadataContext,
  ): Promise<FieldTypeChangeType> {
    return this.toReport(ctx, await changeFieldType(ctx, id, type, settings, force));
  }

  private async toReport(ctx: MetadataContext, report: TypeChangeReport): Promise<FieldTypeChangeType> {
    const metadata = await loadMetadata(ctx.em.fork(), requirePermission(ctx, 'metadata.write').workspaceId);
    return { ...report, field: toFieldDefinition(report.field, metadata, ctx.language) };
  }

  private async setObjectArchived(ctx: MetadataContext, objectKey: string, archived: boolean) {
    return changeMetadata(ctx, async (tx) => {
      const object = objectIn(tx.metadata, objectKey, 'object');
      await setObjectArchived(tx, object, archived);
      await tx.em.flush();
      const metadata = await fresh(tx);
      return toObjectDefinition(objectIn(metadata, object.id, 'object'), metadata, ctx.language);
    });
  }

  private async setFieldArchived(ctx: MetadataContext, id: string, archived: boolean) {
    let changed: FieldDef | undefined;
    const result = await changeMetadata(ctx, async (tx) => {
      const { field } = fieldIn(tx.metadata, id);
      if (field.system) throw new BadInput(['id'], 'System fields cannot be archived.');
      if (Boolean(field.archivedAt) !== archived) changed = field;
      await setFieldArchived(tx, field, archived);
      await tx.em.flush();
      const metadata = await fresh(tx);
      return toFieldDefinition(fieldIn(metadata, id).field, metadata, ctx.language);
    });
    if (changed && isSearched(changed, changed.type)) {
      await reindexSearch(ctx.em, requirePermission(ctx, 'metadata.write').workspaceId, changed.objectId);
    }
    return result;
  }
}
