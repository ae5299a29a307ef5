import { Arg, Ctx, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { requirePermission } from '../../identity/index.js';
import { activeObjects } from '../../metadata/index.js';
import { BadInput, parseId, startingWith } from '../../platform/index.js';
import {
  importRun,
  importRuns,
  previewImport,
  progressRoute,
  readUpload,
  resumeImport,
  startImport,
  suggestMapping,
  undoImport,
  type ImportRequest,
} from '../service.js';
import type { ImportsContext } from '../services.js';
import type { ImportSettings } from '../settings.js';
import { deleteMapping, type ImportRun, listMappings, saveMapping } from '../store.js';
import type { ImportProgress } from '../topics.js';
import {
  type DateOrderEnum,
  ImportColumnType,
  ImportInput,
  ImportMappingInput,
  ImportMappingType,
  ImportPreviewType,
  ImportRunType,
  type ImportStatusEnum,
  ImportUploadType,
} from './types.js';

function settingsOf(input: ImportMappingInput | ImportInput): ImportSettings {
  if (input.decimalSeparator !== '.' && input.decimalSeparator !== ',')
    throw new BadInput(['input', 'decimalSeparator'], "decimalSeparator: must be '.' or ','.");
  return {
    columns: input.columns.map((c) => ({
      column: c.column,
      fieldKey: c.fieldKey ?? null,
      matchBy: c.matchBy ?? null,
    })),
    uniqueFieldKey: input.uniqueFieldKey ?? null,
    dateOrder: input.dateOrder,
    decimalSeparator: input.decimalSeparator,
  };
}

function request(input: ImportInput): ImportRequest {
  return {
    ...settingsOf(input),
    uploadId: parseId(['input', 'uploadId'], input.uploadId),
    objectKey: input.objectKey,
  };
}

async function typedRun(ctx: ImportsContext, run: ImportRun): Promise<ImportRunType> {
  const metadata = await ctx.services.metadataCache.get(ctx.em, run.workspaceId);
  return toRunType(run, metadata?.objects.find((o) => o.id === run.objectId)?.key ?? '');
}

function toRunType(run: ImportRun, objectKey: string): ImportRunType {
  return {
    ...run,
    objectKey,
    status: run.status as ImportStatusEnum,
    processedRows: run.position,
    settings: { ...run.settings, dateOrder: run.settings.dateOrder as DateOrderEnum },
  };
}

@Resolver()
export class ImportResolver {
  @Query(() => ImportUploadType, { description: 'An uploaded file (members who may write records).' })
  async importUpload(@Arg('id', () => ID) id: string, @Ctx() ctx: ImportsContext): Promise<ImportUploadType> {
    return readUpload(ctx, parseId('id', id));
  }

  @Query(() => [ImportColumnType], {
    description: 'A field for each column of the upload, suggested from the object’s field keys and labels.',
  })
  async suggestImportMapping(
    @Arg('uploadId', () => ID) uploadId: string,
    @Arg('objectKey', () => String) objectKey: string,
    @Ctx() ctx: ImportsContext,
  ): Promise<ImportColumnType[]> {
    return suggestMapping(ctx, parseId('uploadId', uploadId), objectKey);
  }

  @Query(() => ImportPreviewType, {
    description: 'Every row checked as the import would write it; nothing written.',
  })
  async importPreview(@Arg('input', () => ImportInput) input: ImportInput, @Ctx() ctx: ImportsContext) {
    const preview = await previewImport(ctx, request(input));
    return {
      ...preview,
      rows: preview.rows.map((r) => ({ lines: r.lines, values: r.input, recordId: r.recordId })),
    };
  }

  @Query(() => [ImportRunType], { description: 'The latest 50 imports into an object, newest first.' })
  async importRuns(@Arg('objectKey', () => String) objectKey: string, @Ctx() ctx: ImportsContext) {
    return Promise.all((await importRuns(ctx, objectKey)).map((run) => typedRun(ctx, run)));
  }

  @Query(() => ImportRunType)
  async importRun(@Arg('id', () => ID) id: string, @Ctx() ctx: ImportsContext): Promise<ImportRunType> {
    return typedRun(ctx, await importRun(ctx, parseId('id', id)));
  }

  @Query(() => [ImportMappingType], { description: 'The saved mappings of an object.' })
  async importMappings(@Arg('objectKey', () => String) objectKey: string, @Ctx() ctx: ImportsContext) {
    const { workspaceId } = requirePermission(ctx, 'records.write');
    return (await listMappings(ctx.em, workspaceId, objectKey)).map((m) => ({ ...m, ...m.settings }));
  }

  @Mutation(() => ImportMappingType, {
    description: 'Saves a mapping under its name (replacing one so named).',
  })
  async saveImportMapping(
    @Arg('input', () => ImportMappingInput) input: ImportMappingInput,
    @Ctx() ctx: ImportsContext,
  ): Promise<ImportMappingType> {
    const { workspaceId, caller } = requirePermission(ctx, 'records.write');
    const name = input.name.trim();
    if (!name || name.length > 200) throw new BadInput(['input', 'name'], 'name: 1 to 200 characters.');
    const metadata = await ctx.services.metadataCache.get(ctx.em, workspaceId);
    if (!metadata || !activeObjects(metadata).some((o) => o.key === input.objectKey))
      throw new BadInput(['input', 'objectKey'], `objectKey: there is no object ${input.objectKey}.`);
    const saved = await saveMapping(ctx.em, workspaceId, caller.user.id, {
      objectKey: input.objectKey,
      name,
      settings: settingsOf(input),
    });
    return { ...saved, ...saved.settings, dateOrder: saved.settings.dateOrder as DateOrderEnum };
  }

  @Mutation(() => Boolean)
  async deleteImportMapping(@Arg('id', () => ID) id: string, @Ctx() ctx: ImportsContext): Promise<boolean> {
    const { workspaceId } = requirePermission(ctx, 'records.write');
    return deleteMapping(ctx.em, workspaceId, parseId('id', id));
  }

  @Mutation(() => ImportRunType, {
    description: 'Queues the import; rows with errors are left out. Watch it with importProgress.',
  })
  async startImport(@Arg('input', () => ImportInput) input: ImportInput, @Ctx() ctx: ImportsContext) {
    return typedRun(ctx, await startImport(ctx, request(input)));
  }

  @Mutation(() => ImportRunType, {
    description: 'Deletes the records the import created and restores the values it changed.',
  })
  async undoImport(@Arg('id', () => ID) id: string, @Ctx() ctx: ImportsContext): Promise<ImportRunType> {
    return typedRun(ctx, await undoImport(ctx, parseId('id', id)));
  }

  @Mutation(() => ImportRunType, { description: 'Resumes a failed import at the batch that failed.' })
  async resumeImport(@Arg('id', () => ID) id: string, @Ctx() ctx: ImportsContext): Promise<ImportRunType> {
    return typedRun(ctx, await resumeImport(ctx, parseId('id', id)));
  }

  @Subscription(() => ImportRunType, {
    description: 'The run as it is, then as it moves on: after each batch, when it ends, while it is undone.',
    subscribe: async ({ args, context }) => {
      const ctx = context as ImportsContext;
      const runId = parseId('id', (args as { id: string }).id);
      const route = await progressRoute(ctx, runId);
      // The run as it is first: one that ended before the subscriber came is not waited on forever.
      return startingWith({ runId }, ctx.services.events.subscribe('imports.progress', route));
    },
  })
  async importProgress(
    @Root() event: ImportProgress,
    @Arg('id', () => ID) _id: string,
    @Ctx() ctx: ImportsContext,
  ): Promise<ImportRunType> {
    return typedRun(ctx, await importRun(ctx, event.runId));
  }
}
