import type { MikroORM } from '@mikro-orm/postgresql';
import { loadMetadata, type FieldDef, type ObjectDef, type WorkspaceMetadata } from '../metadata/index.js';
import { AppError } from '../platform/index.js';
import type { RecordContext, RecordStore } from '../records/index.js';
import { parseAdf, type AdfProspect } from './adf-parse.js';
import { describeVehicle, vehicleOfInterest } from './adf-vehicle.js';
import { liveObject, personLinkOf, personObjectKey } from './form-fields.js';
import { findFeedBySecret, logFeedMessage } from './lead-feed-store.js';
import { upsertPerson } from './people.js';

/**
 * A dealer lead feed message (ADF) → records: the customer as a person (found by e-mail or
 * phone, else added), a deal in the pipeline's first stage linked to them and to the vehicle
 * (or boat) of interest: the one in stock its VIN, HIN or stock number names, else one made
 * from the message and marked not in stock (adf-vehicle.ts); the provider as the
 * deal's `source` when it has one. The raw message is kept with its outcome.
 */

export interface AdfDeps {
  orm: MikroORM;
  records: RecordStore;
  phoneCountry?: string;
}

export interface AdfAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** The objects a vehicle of interest may be, in the car- and boat-dealer templates. */
const vehicleObjects = ['vehicle', 'boat'];
const leadObjectKey = 'deal';

const relationTo = (from: ObjectDef, to: ObjectDef): FieldDef | undefined =>
  from.fields.find(
    (f) =>
      !f.archivedAt &&
      f.type === 'RELATION' &&
      f.options.relationKind === 'MANY_TO_ONE' &&
      f.options.targetObjectId === to.id,
  );

function vehicleRelation(metadata: WorkspaceMetadata, lead: ObjectDef): FieldDef | null {
  for (const key of vehicleObjects) {
    const object = liveObject(metadata, key);
    const relation = object && relationTo(lead, object);
    if (relation) return relation;
  }
  return null;
}

/** The stage a new lead starts in: the field's default when it is a stage, else the first. */
function firstStage(lead: ObjectDef): Record<string, string> {
  const stage = lead.fields.find((f) => f.type === 'STAGE' && !f.archivedAt);
  const stages = stage?.options.pipelines?.flatMap((p) => p.stages) ?? [];
  if (!stage || !stages.length) return {};
  const fallback = stages.some((s) => s.key === stage.defaultValue)
    ? String(stage.defaultValue)
    : stages[0]!.key;
  return { [stage.key]: fallback };
}

async function writeProspect(
  deps: AdfDeps,
  ctx: RecordContext,
  lead: ObjectDef,
  prospect: AdfProspect,
): Promise<{ recordId: string; personId: string }> {
  const person = liveObject(ctx.metadata, personObjectKey)!;
  const contact = personLinkOf(ctx.metadata, lead, null);
  const values = Object.fromEntries(
    [
      ['name', prospect.name],
      ['email', prospect.email],
      ['phone', prospect.phone],
    ].filter(([key, value]) => value && person.fields.some((f) => f.key === key && !f.archivedAt)),
  );
  const { id: personId } = await upsertPerson(deps.records, ctx, person, values, deps.phoneCountry);
  const relation = vehicleRelation(ctx.metadata, lead);
  const vehicleId = relation ? await vehicleOfInterest(deps.records, ctx, relation, prospect.vehicles) : null;
  const interest = prospect.vehicles.map(describeVehicle).find(Boolean);
  const source = lead.fields.find((f) => f.key === 'source' && f.type === 'TEXT' && !f.archivedAt);
  const row = await deps.records.create(ctx, lead, {
    owner: null,
    name: `${interest ? `${interest} – ` : ''}${prospect.name}`.slice(0, 200),
    ...firstStage(lead),
    ...(contact ? { [contact.key]: personId } : {}),
    ...(relation && vehicleId ? { [relation.key]: vehicleId } : {}),
    ...(source && prospect.source ? { [source.key]: prospect.source.slice(0, 200) } : {}),
  });
  return { recordId: row.id, personId };
}

export async function receiveAdf(deps: AdfDeps, secret: string, body: string): Promise<AdfAnswer> {
  const em = deps.orm.em.fork();
  const feed = secret.length <= 100 ? await findFeedBySecret(em, secret) : null;
  if (!feed?.enabled) return { status: 404, body: { ok: false, error: 'No lead feed at this address.' } };
  const { workspaceId } = feed;
  const reject = async (status: number, reason: string): Promise<AdfAnswer> => {
    await logFeedMessage(em, workspaceId, {
      outcome: 'REJECTED',
      reason,
      recordId: null,
      personId: null,
      body,
    });
    return { status, body: { ok: false, error: reason } };
  };
  const parsed = parseAdf(body);
  if ('problem' in parsed) return reject(400, parsed.problem);
  const metadata = await loadMetadata(em, workspaceId);
  const lead = liveObject(metadata, leadObjectKey);
  if (!lead || !liveObject(metadata, personObjectKey))
    return reject(422, 'the workspace has no deal or person object');
  const afterCommit: (() => Promise<void>)[] = [];
  try {
    const written = await em.transactional(async (tx) => {
      const ctx: RecordContext = {
        em: tx,
        metadata,
        actorId: workspaceId,
        deferAfterCommit: (t) => void afterCommit.push(t),
      };
      const out: { recordId: string; personId: string }[] = [];
      for (const prospect of parsed.prospects) out.push(await writeProspect(deps, ctx, lead, prospect));
      for (const entry of out)
        await logFeedMessage(tx, workspaceId, { outcome: 'CREATED', reason: null, ...entry, body });
      return out;
    });
    for (const task of afterCommit) await task();
    return { status: 201, body: { ok: true, leads: written } };
  } catch (error) {
    if (error instanceof AppError && error.code === 'BAD_USER_INPUT') return reject(400, error.message);
    throw error;
  }
}
