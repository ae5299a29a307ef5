import type { SampleRecord, Template } from './format.js';
import type { KnownFields } from './known-fields.js';

export interface OrderedSample {
  object: string;
  index: number;
  record: SampleRecord;
}

/** The refs a sample record's relation values name. */
export function refsOf(record: SampleRecord, objectKey: string, known: KnownFields): string[] {
  const fields = known.get(objectKey);
  return Object.entries(record.values).flatMap(([key, value]) => {
    if (fields?.get(key)?.type !== 'RELATION' || value === null || value === undefined) return [];
    return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
  });
}

/**
 * Sample records in an order where every record comes after those it refers to, so
 * each is created complete (stage rules may require its relations); a cycle is named.
 */
export function sampleOrder(
  template: Template,
  known: KnownFields,
): { order: OrderedSample[]; cycle?: { object: string; index: number } } {
  const all: OrderedSample[] = Object.entries(template.sampleData ?? {}).flatMap(([object, records]) =>
    records.map((record, index) => ({ object, index, record })),
  );
  const byRef = new Map(all.filter((s) => s.record.ref).map((s) => [s.record.ref!, s]));
  const order: OrderedSample[] = [];
  const state = new Map<OrderedSample, 'visiting' | 'done'>();
  let cycle: OrderedSample | undefined;
  const visit = (sample: OrderedSample): void => {
    if (state.get(sample) === 'done' || cycle) return;
    if (state.get(sample) === 'visiting') {
      cycle = sample;
      return;
    }
    state.set(sample, 'visiting');
    for (const ref of refsOf(sample.record, sample.object, known)) {
      const target = byRef.get(ref);
      if (target) visit(target);
    }
    state.set(sample, 'done');
    order.push(sample);
  };
  all.forEach(visit);
  return cycle ? { order, cycle: { object: cycle.object, index: cycle.index } } : { order };
}
