import type { FieldDef } from '../metadata/index.js';
import { AppError, BadInput } from '../platform/index.js';
import type { RecordStore } from '../records/index.js';
import type { SampleRecordRef } from './entity.js';
import { knownFields } from './known-fields.js';
import type { PlanInput, Step, StepRun } from './plan.js';
import { sampleOrder } from './sample-order.js';
import { storeSampleFiles } from './sample-files.js';

export interface SampleRun {
  records: RecordStore;
  actorId: string;
  /** The sample records created, appended in creation order. */
  sampleRecords: SampleRecordRef[];
}

const relativeDay = /^today([+-]\d{1,4})?(?:[ T](\d{2}):(\d{2}))?$/;
const relativeMinutes = /^now([+-]\d{1,5})m$/;

/**
 * Dates in sample data may be relative to the day of install, so a calendar shows
 * upcoming viewings: `today`, `today+3`, `today-10`, and for date-times `today+2 14:30`
 * (UTC), `now`, or minutes from the install for date-times (`now+12m`: a lead first contacted
 * twelve minutes after the sample records were made).
 */
export function resolveRelativeDate(value: unknown, type: 'DATE' | 'DATETIME', now = new Date()): unknown {
  if (typeof value !== 'string') return value;
  if (value === 'now' && type === 'DATETIME') return now.toISOString();
  const minutes = type === 'DATETIME' ? relativeMinutes.exec(value) : null;
  if (minutes) return new Date(now.getTime() + Number(minutes[1]) * 60_000).toISOString();
  const match = relativeDay.exec(value);
  if (!match) return value;
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  day.setUTCDate(day.getUTCDate() + Number(match[1] ?? 0));
  if (type === 'DATE') return day.toISOString().slice(0, 10);
  day.setUTCHours(Number(match[2] ?? 9), Number(match[3] ?? 0));
  return day.toISOString();
}

function sampleValue(
  field: FieldDef | undefined,
  value: unknown,
  ids: Map<string, string>,
  actorId: string,
): unknown {
  if (!field || value === null) return value;
  if (field.type === 'RELATION') {
    return Array.isArray(value) ? value.map((ref) => ids.get(ref as string)) : ids.get(value as string);
  }
  if (field.type === 'USER' && value === 'installer') return actorId;
  if (field.type === 'DATE' || field.type === 'DATETIME') return resolveRelativeDate(value, field.type);
  return value;
}

async function createSampleRecords(run: StepRun & SampleRun, input: PlanInput): Promise<void> {
  const metadata = await run.refresh();
  const ids = new Map<string, string>();
  const context = { em: run.tx.em, metadata, actorId: run.actorId };
  for (const sample of sampleOrder(input.template, knownFields(input.template)).order) {
    const object = metadata.objects.find((o) => o.key === sample.object && !o.archivedAt);
    if (!object) throw new BadInput(['key'], `sampleData.${sample.object}: no such object in the workspace.`);
    try {
      const values: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(sample.record.values)) {
        const field = object.fields.find((f) => f.key === key && !f.system);
        values[key] =
          value !== null && (field?.type === 'IMAGE' || field?.type === 'FILE')
            ? await storeSampleFiles(run, input.template.key, object, field, value)
            : sampleValue(field, value, ids, run.actorId);
      }
      const row = await run.records.create(context, object, values);
      if (sample.record.ref) ids.set(sample.record.ref, row.id);
      run.sampleRecords.push({ object: object.key, id: row.id });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      throw new BadInput(['key'], `sampleData.${sample.object}.${sample.index}: ${error.message}`);
    }
  }
}

/** One step for all sample records: they are created together, each after those it refers to. */
export function sampleDataStep(input: PlanInput): Step | undefined {
  const data = Object.entries(input.template.sampleData ?? {}).filter(([, records]) => records.length);
  if (!input.withSampleData || input.sampleLoaded || !data.length) return undefined;
  const total = data.reduce((n, [, records]) => n + records.length, 0);
  return {
    phase: 7,
    action: 'ADD_SAMPLE_RECORDS',
    target: data.map(([key]) => key).join(', '),
    description: `Add ${total} sample records: ${data.map(([key, records]) => `${records.length} ${key}`).join(', ')}`,
    apply: (run) => createSampleRecords(run, input),
  };
}
