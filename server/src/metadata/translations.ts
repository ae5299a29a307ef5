import type { Language } from '@crm/contracts';
import type {
  FieldDef,
  FieldOptions,
  FieldTranslations,
  ObjectDef,
  ObjectTranslations,
  WorkspaceMetadata,
} from './model.js';
import { shippedLabel } from './standard-labels.js';

/**
 * Labels in the caller's language. An object's or field's own labels are the default; a
 * translation replaces what it has and nothing else, so a half-translated workspace still reads.
 */
export function localizeField(field: FieldDef, language: Language, onStandardObject = false): FieldDef {
  const own = field.translations?.[language];
  // Fields of the standard objects (their own, system fields, the inverse sides of their
  // relations) fall back to their shipped translations (standard-labels.ts).
  const standard = field.standard || onStandardObject;
  const shipped = (text: string | null) => (standard ? shippedLabel(language, text) : undefined);
  if (!own && (!standard || language === 'en')) return field;
  const t = own ?? {};
  const options: FieldOptions = { ...field.options };
  if (options.choices)
    options.choices = options.choices.map((c) => ({
      ...c,
      label: t.choices?.[c.key] || t.stages?.[c.key] || shipped(c.label) || c.label,
    }));
  if (options.pipelines)
    options.pipelines = options.pipelines.map((p) => ({
      ...p,
      label: t.pipelines?.[p.key] || shipped(p.label) || p.label,
      stages: p.stages.map((s) => ({ ...s, label: t.stages?.[s.key] || shipped(s.label) || s.label })),
    }));
  return {
    ...field,
    label: t.label || shipped(field.label) || field.label,
    helpText: t.helpText || field.helpText,
    options,
  };
}

export function localizeObject(object: ObjectDef, language: Language): ObjectDef {
  const fields = object.fields.map((f) => localizeField(f, language, object.standard));
  return { ...localizeObjectLabels(object, language), fields };
}

/** The object's own labels in `language`; its fields as they are (for when only its name is shown). */
export function localizeObjectLabels(object: ObjectDef, language: Language): ObjectDef {
  const t = object.translations?.[language];
  const shipped = (text: string) => (object.standard ? shippedLabel(language, text) : undefined);
  return {
    ...object,
    labelSingular: t?.labelSingular || shipped(object.labelSingular) || object.labelSingular,
    labelPlural: t?.labelPlural || shipped(object.labelPlural) || object.labelPlural,
    description: t?.description || object.description,
  };
}

const localized = new WeakMap<WorkspaceMetadata, Map<Language, WorkspaceMetadata>>();

/** The workspace's metadata with every label in `language`; one copy per metadata version and language. */
export function localizeMetadata(metadata: WorkspaceMetadata, language: Language): WorkspaceMetadata {
  let byLanguage = localized.get(metadata);
  if (!byLanguage) localized.set(metadata, (byLanguage = new Map()));
  let copy = byLanguage.get(language);
  if (!copy) {
    copy = { ...metadata, objects: metadata.objects.map((o) => localizeObject(o, language)) };
    byLanguage.set(language, copy);
  }
  return copy;
}

/** An object's labels as admins edit them: `default` (its own) and each language's translation. */
export function objectLabels(object: ObjectDef): Record<string, unknown> {
  return {
    default: {
      labelSingular: object.labelSingular,
      labelPlural: object.labelPlural,
      description: object.description,
    },
    ...(object.translations ?? {}),
  };
}

export function fieldLabels(field: FieldDef): Record<string, unknown> {
  const pipelines = field.options.pipelines ?? [];
  const stages = pipelines.flatMap((p) => p.stages);
  return {
    default: {
      label: field.label,
      helpText: field.helpText,
      ...(field.type !== 'STAGE' && field.options.choices
        ? { choices: Object.fromEntries(field.options.choices.map((c) => [c.key, c.label])) }
        : {}),
      ...(stages.length ? { stages: Object.fromEntries(stages.map((s) => [s.key, s.label])) } : {}),
      ...(pipelines.length ? { pipelines: Object.fromEntries(pipelines.map((p) => [p.key, p.label])) } : {}),
    },
    ...(field.translations ?? {}),
  };
}

type Keyed = { key: string; label: string };

/**
 * "Edit what you see": a label written by someone who sees a translation of it changes that
 * translation, and the default stays; without a translation in their language the default
 * changes. (A German admin renaming "Besichtigung" must not turn the English label German.)
 */
export function routeObjectLabels<P extends { labelSingular?: string | null; labelPlural?: string | null }>(
  object: ObjectDef,
  language: Language,
  patch: P,
): { patch: P; translations: ObjectTranslations | null } {
  const own = object.translations?.[language] ?? {};
  const seen = (key: 'labelSingular' | 'labelPlural') =>
    own[key] || (object.standard ? shippedLabel(language, object[key]) : undefined);
  if (!seen('labelSingular') && !seen('labelPlural')) return { patch, translations: null };
  const next = { ...own };
  const rest = { ...patch };
  for (const key of ['labelSingular', 'labelPlural'] as const) {
    const value = patch[key]?.trim();
    if (value && seen(key)) {
      next[key] = value;
      delete rest[key];
    }
  }
  return { patch: rest, translations: { ...object.translations, [language]: next } };
}

export function routeFieldLabel<P extends { label?: string | null }>(
  field: FieldDef,
  language: Language,
  patch: P,
): { patch: P; translations: FieldTranslations | null } {
  const own = field.translations?.[language] ?? {};
  const value = patch.label?.trim();
  const seen = own.label || shippedLabel(language, field.label);
  if (!seen || !value) return { patch, translations: null };
  const rest = { ...patch };
  delete rest.label;
  return { patch: rest, translations: { ...field.translations, [language]: { ...own, label: value } } };
}

/**
 * The same for the labels inside a field's options (choices, stages, pipelines): an incoming
 * label whose key has a translation in `language` goes to the translation and the stored one stays.
 */
export function routeKeyedLabels<T extends Keyed>(
  incoming: T[],
  stored: readonly Keyed[],
  translated: Record<string, string> | undefined,
): { items: T[]; translated: Record<string, string> | undefined } {
  if (!translated) return { items: incoming, translated };
  const next = { ...translated };
  const items = incoming.map((item) => {
    const before = stored.find((s) => s.key === item.key);
    if (!before || !translated[item.key]) return item;
    next[item.key] = item.label;
    return { ...item, label: before.label };
  });
  return { items, translated: next };
}
