import { fieldFillIssue, type MappedField } from '@crm/contracts';
import type { FieldDef, ObjectDef } from '../metadata';

/**
 * The conversion part of the rating-model editor: the lead-role switch, the person/company/
 * deal maps (target field ← lead field), the lead's link fields and the mark, as a draft of
 * choices; built from the workspace's metadata, with the pairs the server accepts
 * (`fieldFillIssue`, shared with it) offered and suggested.
 */

export const conversionTargets = ['person', 'company', 'deal'] as const;
export type ConversionTarget = (typeof conversionTargets)[number];

export interface MapRow {
  /** The target object's field. */
  target: string;
  /** The lead's field whose value fills it. */
  lead: string;
}

export interface ConversionDraft {
  /** The object plays the lead role. */
  enabled: boolean;
  maps: Record<ConversionTarget, MapRow[]>;
  /** Company and deal are optional: made only when switched on. */
  makes: { company: boolean; deal: boolean };
  link: Record<ConversionTarget, string>;
  mark: { field: string; value: string };
}

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

export function emptyConversion(): ConversionDraft {
  return {
    enabled: false,
    maps: { person: [], company: [], deal: [] },
    makes: { company: false, deal: false },
    link: { person: '', company: '', deal: '' },
    mark: { field: '', value: '' },
  };
}

const rowsOf = (map: unknown): MapRow[] =>
  map && typeof map === 'object'
    ? Object.entries(map as Record<string, unknown>).map(([target, lead]) => ({ target, lead: text(lead) }))
    : [];

/** A saved conversion (or none) as the editor shows it. */
export function conversionDraftOf(saved: unknown): ConversionDraft {
  const draft = emptyConversion();
  if (!saved || typeof saved !== 'object') return draft;
  const c = saved as Record<string, unknown>;
  const link = (c.link ?? {}) as Record<string, unknown>;
  const mark = (c.mark ?? null) as { field?: unknown; value?: unknown } | null;
  return {
    enabled: true,
    maps: { person: rowsOf(c.person), company: rowsOf(c.company), deal: rowsOf(c.deal) },
    makes: { company: !!c.company, deal: !!c.deal },
    link: { person: text(link.person), company: text(link.company), deal: text(link.deal) },
    mark: {
      field: text(mark?.field),
      value: Array.isArray(mark?.value) ? mark.value.join(', ') : text(mark?.value),
    },
  };
}

/** The mark's value typed as its field takes it: numbers, booleans, lists; else the text. */
function markValue(field: FieldDef | undefined, value: string): unknown {
  const trimmed = value.trim();
  if (field?.type === 'BOOLEAN') return trimmed === 'true';
  if (field?.type === 'MULTI_SELECT')
    return trimmed
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
  if (['NUMBER', 'PERCENT', 'RATING', 'DURATION'].includes(field?.type ?? '')) {
    const n = Number(trimmed);
    return trimmed !== '' && Number.isFinite(n) ? n : trimmed;
  }
  return trimmed;
}

const mapOf = (rows: MapRow[]) =>
  Object.fromEntries(rows.filter((r) => r.target).map((r) => [r.target, r.lead]));

/** The conversion the server is sent, or undefined when the object does not play the lead role. */
export function conversionOf(
  draft: ConversionDraft,
  lead: ObjectDef | null,
): Record<string, unknown> | undefined {
  if (!draft.enabled) return undefined;
  const link = Object.fromEntries(
    conversionTargets
      .filter((t) => draft.link[t] && (t === 'person' || draft.makes[t]))
      .map((t) => [t, draft.link[t]]),
  );
  const markField = lead?.fields.find((f) => f.key === draft.mark.field);
  return {
    person: mapOf(draft.maps.person),
    ...(draft.makes.company ? { company: mapOf(draft.maps.company) } : {}),
    ...(draft.makes.deal ? { deal: mapOf(draft.maps.deal) } : {}),
    ...(Object.keys(link).length ? { link } : {}),
    ...(draft.mark.field
      ? { mark: { field: draft.mark.field, value: markValue(markField, draft.mark.value) } }
      : {}),
  };
}

/**
 * The input a conversion error's path names (after `model.conversion`): a map's row by its
 * target field (`conversion.person.email`), a link (`conversion.link.deal`), the mark's field or
 * value; a map or the whole conversion when the path stops there.
 */
export function conversionErrorInput(rest: readonly string[]): string {
  const [part, input] = rest;
  if (!part) return 'conversion';
  if (part === 'mark') return `conversion.mark.${input === 'value' ? 'value' : 'field'}`;
  return input ? `conversion.${part}.${input}` : `conversion.${part}`;
}

function mappedField(field: FieldDef): MappedField {
  return {
    type: field.type,
    choices: field.settings.choices?.map((c) => c.key) ?? null,
    relationTarget: field.settings.relation?.targetObjectKey ?? null,
    relationKind: field.settings.relation?.kind ?? null,
  };
}

/** Target fields a conversion may fill: not the system's, nor read-only or to-many ones. */
export function targetFields(target: ObjectDef | null): FieldDef[] {
  return (target?.fields ?? []).filter(
    (f) => !f.system && !f.readOnly && (f.type !== 'RELATION' || f.settings.relation?.kind === 'MANY_TO_ONE'),
  );
}

/** The lead's fields whose values fit `target`'s field. */
export function leadFieldsFor(lead: ObjectDef | null, field: FieldDef | undefined): FieldDef[] {
  if (!field) return [];
  return (lead?.fields ?? []).filter((f) => !fieldFillIssue(mappedField(f), mappedField(field)));
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Suggested rows for a target: every field with a lead field of the same key or label that
 * fits it, and every required one (its lead field left to choose when nothing matches;
 * relations aside: the conversion links the records it makes itself).
 */
export function suggestedRows(target: ObjectDef | null, lead: ObjectDef | null): MapRow[] {
  return targetFields(target).flatMap((field) => {
    const fits = leadFieldsFor(lead, field).filter((f) => !f.system);
    const match = fits.find((f) => f.key === field.key) ?? fits.find((f) => same(f.label, field.label));
    if (match) return [{ target: field.key, lead: match.key }];
    const unmatched = field.required && field.defaultValue === null && field.type !== 'RELATION';
    return unmatched ? [{ target: field.key, lead: '' }] : [];
  });
}

/** The lead's to-one relations pointing at `target`: what a link may be. */
export function linkFields(lead: ObjectDef | null, target: ConversionTarget): FieldDef[] {
  return (lead?.fields ?? []).filter(
    (f) =>
      f.type === 'RELATION' &&
      f.settings.relation?.kind === 'MANY_TO_ONE' &&
      f.settings.relation.targetObjectKey === target,
  );
}

/** Fields the mark may set: the lead's own, not relations, nor the score and band the model writes. */
export function markFields(lead: ObjectDef | null, written: readonly string[]): FieldDef[] {
  return (lead?.fields ?? []).filter(
    (f) => !f.system && !f.readOnly && f.type !== 'RELATION' && !written.includes(f.key),
  );
}
