import { FlushMode } from '@mikro-orm/core';
import { isLanguage, languages, type Language } from '@crm/contracts';
import { BadInput } from '../platform/index.js';
import { FieldDefRow, ObjectDefRow } from './entities.js';
import type { FieldDef, FieldTranslations, ObjectDef, ObjectTranslations } from './model.js';
import type { MetadataTx } from './transaction.js';

type Path = string[];
type FieldEntry = NonNullable<FieldTranslations[Language]>;
type ObjectEntry = NonNullable<ObjectTranslations[Language]>;

const objectKeys = { labelSingular: 200, labelPlural: 200, description: 1000 } as const;
const fieldKeys = { label: 200, helpText: 1000 } as const;
const keyedKinds = ['choices', 'stages', 'pipelines'] as const;

export function expectLanguage(value: string, path: Path): Language {
  if (!isLanguage(value))
    throw new BadInput(
      path,
      `${path.join('.')}: “${value.slice(0, 16)}” is not one of ${languages.join(', ')}.`,
      {
        reason: 'language.unsupported',
        params: { value: value.slice(0, 16), allowed: languages.join(', ') },
      },
    );
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A label: trimmed text up to `max` characters; '' or null removes the translation. */
function label(value: unknown, max: number, path: Path): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'string') throw new BadInput(path, `${path.join('.')} must be text.`);
  const text = value.trim();
  if (text.length > max) throw new BadInput(path, `${path.join('.')} is longer than ${max} characters.`);
  return text || undefined;
}

function unknownKey(input: Record<string, unknown>, allowed: readonly string[], path: Path): void {
  const extra = Object.keys(input).find((key) => !allowed.includes(key));
  if (extra)
    throw new BadInput(
      [...path, extra],
      `${[...path, extra].join('.')} is not a label that can be translated.`,
    );
}

function keyedLabels(
  input: unknown,
  known: readonly string[],
  path: Path,
): Record<string, string> | undefined {
  if (input === null || input === undefined) return undefined;
  if (!isRecord(input)) throw new BadInput(path, `${path.join('.')} must map keys to labels.`);
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(input)) {
    if (!known.includes(key)) throw new BadInput([...path, key], `${path.at(-1)} has no “${key}”.`);
    const text = label(value, 200, [...path, key]);
    if (text) out[key] = text;
  }
  return Object.keys(out).length ? out : undefined;
}

function fieldEntry(field: FieldDef, input: unknown, path: Path): FieldEntry {
  if (!isRecord(input)) throw new BadInput(path, `${path.join('.')} must be an object of labels.`);
  unknownKey(input, [...Object.keys(fieldKeys), ...keyedKinds], path);
  const pipelines = field.options.pipelines ?? [];
  const known = {
    choices: field.type === 'STAGE' ? [] : (field.options.choices ?? []).map((c) => c.key),
    stages: pipelines.flatMap((p) => p.stages.map((s) => s.key)),
    pipelines: pipelines.map((p) => p.key),
  };
  const entry: FieldEntry = {};
  for (const [key, max] of Object.entries(fieldKeys) as [keyof typeof fieldKeys, number][]) {
    const text = label(input[key], max, [...path, key]);
    if (text) entry[key] = text;
  }
  for (const kind of keyedKinds) {
    const labels = keyedLabels(input[kind], known[kind], [...path, kind]);
    if (labels) entry[kind] = labels;
  }
  return entry;
}

/**
 * Replaces one language's translation of an object's labels and of the fields `labels.fields`
 * names (the others keep theirs). Checked whole before anything is written.
 */
export async function setLabelTranslations(
  tx: MetadataTx,
  object: ObjectDef,
  language: Language,
  labels: unknown,
): Promise<void> {
  const path = ['labels'];
  if (!isRecord(labels)) throw new BadInput(path, 'labels must be an object.');
  unknownKey(labels, [...Object.keys(objectKeys), 'fields'], path);
  const own: ObjectEntry = {};
  for (const [key, max] of Object.entries(objectKeys) as [keyof typeof objectKeys, number][]) {
    const text = label(labels[key], max, [...path, key]);
    if (text) own[key] = text;
  }
  const fieldInputs = labels.fields ?? {};
  if (!isRecord(fieldInputs))
    throw new BadInput([...path, 'fields'], 'labels.fields must map field keys to labels.');
  const fieldEntries = Object.entries(fieldInputs).map(([key, input]) => {
    const field = object.fields.find((f) => f.key === key && !f.system && !f.archivedAt);
    if (!field)
      throw new BadInput([...path, 'fields', key], `${object.labelSingular} has no field “${key}”.`);
    return { field, entry: fieldEntry(field, input, [...path, 'fields', key]) };
  });
  if (Object.keys(labels).some((key) => key in objectKeys))
    await writeObjectTranslations(tx, object, withLanguage(object.translations, language, own));
  for (const { field, entry } of fieldEntries)
    await writeFieldTranslations(tx, field, withLanguage(field.translations, language, entry));
}

function withLanguage<T extends object>(
  all: Partial<Record<Language, T>> | undefined,
  language: Language,
  entry: T,
): Partial<Record<Language, T>> {
  const next = { ...(all ?? {}) };
  if (Object.keys(entry).length) next[language] = entry;
  else delete next[language];
  return next;
}

/**
 * The rows are looked up without flushing what is pending first (MikroORM flushes a dirty entity
 * type before a query on it): a template's labels touch hundreds of fields, and a flush per
 * label cost a round trip and a diff of every entity held, each time. The step's own flush (or
 * the transaction's end) writes them together.
 */
const noAutoFlush = { flushMode: FlushMode.COMMIT } as const;

export async function writeObjectTranslations(
  tx: MetadataTx,
  object: ObjectDef,
  translations: ObjectTranslations,
): Promise<void> {
  const row = await tx.em.findOneOrFail(ObjectDefRow, { id: object.id }, noAutoFlush);
  row.translations = translations;
  object.translations = translations;
}

export async function writeFieldTranslations(
  tx: MetadataTx,
  field: FieldDef,
  translations: FieldTranslations,
): Promise<void> {
  const row = await tx.em.findOneOrFail(FieldDefRow, { id: field.id }, noAutoFlush);
  row.translations = translations;
  field.translations = translations;
}
