import { startCursor } from '../consumers/index.js';
import { requirePermission } from '../identity/index.js';
import { scheduleJobs } from '../jobs/index.js';
import {
  activeFields,
  activeObjects,
  addField,
  changeMetadata,
  loadMetadata,
  type MetadataTx,
  type ObjectDef,
  type WorkspaceMetadata,
} from '../metadata/index.js';
import { BadInput, parseId } from '../platform/index.js';
import { convertLead, type Converted } from './convert.js';
import { rateAllJob, ratingConsumerName } from './engine.js';
import { bands, checkModel, type RatingModel } from './model.js';
import { deleteModel, modelsOf, saveModel, type StoredModel } from './models.js';
import type { LeadsContext } from './services.js';

/** The API's operations: models are metadata (admins; saving bumps the version), conversion a records write. */

function objectOf(metadata: WorkspaceMetadata, objectKey: string): ObjectDef {
  const object = activeObjects(metadata).find((o) => o.key === objectKey);
  if (!object) throw new BadInput(['objectKey'], `No object “${objectKey.slice(0, 70)}” in this workspace.`);
  return object;
}

const bandColors = { hot: '#dc2626', warm: '#f59e0b', cold: '#2563eb' } as const;

/** The score (NUMBER) and band (SELECT hot/warm/cold) fields, added when missing, refused when of another type. */
async function ensureFields(tx: MetadataTx, object: ObjectDef, model: RatingModel): Promise<void> {
  const score = activeFields(object).find((f) => f.key === model.scoreField);
  if (score && score.type !== 'NUMBER')
    throw new BadInput(
      ['model', 'scoreField'],
      `scoreField: “${score.key}” is a ${score.type} field, not NUMBER.`,
    );
  if (!score)
    await addField(
      tx,
      object,
      { key: model.scoreField, label: 'Lead score', type: 'NUMBER', options: { precision: 0 } },
      ['model', 'scoreField'],
    );
  const band = activeFields(object).find((f) => f.key === model.bandField);
  const keys = band?.options.choices?.map((c) => c.key) ?? [];
  if (band && (band.type !== 'SELECT' || !bands.every((b) => keys.includes(b))))
    throw new BadInput(
      ['model', 'bandField'],
      `bandField: “${band.key}” must be a SELECT with hot, warm and cold.`,
    );
  if (!band)
    await addField(
      tx,
      object,
      {
        key: model.bandField,
        label: 'Lead rating',
        type: 'SELECT',
        options: {
          choices: bands.map((key) => ({
            key,
            label: key[0]!.toUpperCase() + key.slice(1),
            color: bandColors[key],
          })),
        },
      },
      ['model', 'bandField'],
    );
}

/** Saves a model in a metadata transaction (used by the API and by template installs). */
export async function saveModelIn(tx: MetadataTx, objectKey: string, input: unknown): Promise<RatingModel> {
  const object = objectOf(tx.metadata, objectKey);
  const model = checkModel(tx.metadata, object, input);
  await ensureFields(tx, object, model);
  await saveModel(tx.em, tx.metadata, object, model);
  await startCursor(tx.em, tx.metadata, ratingConsumerName, { restart: true });
  await scheduleJobs(tx.em, [rateAllJob(tx.workspaceId, object.id)]);
  return model;
}

export async function readModels(ctx: LeadsContext): Promise<StoredModel[]> {
  const access = requirePermission(ctx, 'records.read');
  return modelsOf(ctx.em, await loadMetadata(ctx.em, access.workspaceId));
}

export function saveRatingModel(ctx: LeadsContext, objectKey: string, input: unknown): Promise<RatingModel> {
  return changeMetadata(ctx, (tx) => saveModelIn(tx, objectKey, input));
}

export function removeRatingModel(ctx: LeadsContext, objectKey: string): Promise<boolean> {
  return changeMetadata(ctx, (tx) => deleteModel(tx.em, tx.workspaceId, objectOf(tx.metadata, objectKey)));
}

export async function convert(ctx: LeadsContext, objectKey: string, id: string): Promise<Converted> {
  const access = requirePermission(ctx, 'records.write');
  const metadata = await loadMetadata(ctx.em, access.workspaceId);
  const object = objectOf(metadata, objectKey);
  const stored = (await modelsOf(ctx.em, metadata)).find((m) => m.object.id === object.id);
  if (!stored?.model.conversion)
    throw new BadInput(
      ['objectKey'],
      `${object.labelPlural} do not play the lead role (no conversion in their rating model).`,
    );
  return convertLead(
    ctx.em,
    metadata,
    access.caller.user.id,
    ctx.services.records,
    stored,
    parseId(['id'], id),
  );
}
