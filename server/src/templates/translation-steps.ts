import { languages, type Language } from '@crm/contracts';
import {
  writeFieldTranslations,
  writeObjectTranslations,
  type FieldDef,
  type FieldTranslations,
  type ObjectDef,
} from '../metadata/index.js';
import { ViewRow } from '../views/index.js';
import type { Template } from './format.js';
import type { TemplateTranslation } from './format-translations.js';
import type { PlanInput, Step, StepRun } from './plan.js';
import { same } from './three-way.js';

/**
 * A template's labels in other languages, written after its objects, fields, pipelines and
 * views. Upgrades follow the three-way rule per label: a translation an admin changed stays.
 */
type Flat = Record<string, string>;

export async function translationSteps(input: PlanInput): Promise<Step[]> {
  const next = input.template.translations ?? {};
  const base = input.base?.translations ?? {};
  if (!Object.keys(next).length && !Object.keys(base).length) return [];
  if (input.base && same(next, base)) return [];
  const names = languages.filter((l) => next[l] || base[l]);
  return [
    {
      phase: 7,
      action: 'SET_TRANSLATIONS',
      target: input.template.key,
      description: `Set the labels in ${names.join(', ')}`,
      apply: async (run) => applyTranslations(run, input.template, input.base),
    },
  ];
}

async function applyTranslations(run: StepRun, template: Template, base: Template | null): Promise<void> {
  const metadata = await run.refresh();
  for (const language of languages) {
    const now = template.translations?.[language];
    const was = base?.translations?.[language];
    if (!now && !was) continue;
    for (const objectKey of keysOf(now?.objects, was?.objects)) {
      const object = metadata.objects.find((o) => o.key === objectKey && !o.archivedAt);
      if (object) await translateObject(run, object, language, now, was);
    }
    for (const pipelineKey of keysOf(now?.pipelines, was?.pipelines)) {
      const defined = [...(template.pipelines ?? []), ...(base?.pipelines ?? [])].find(
        (p) => p.key === pipelineKey,
      );
      const object = defined && metadata.objects.find((o) => o.key === defined.object && !o.archivedAt);
      const field = object?.fields.find((f) => f.key === (defined?.field ?? 'stage') && !f.archivedAt);
      if (!field) continue;
      const leaves = (t: TemplateTranslation | undefined): Flat => {
        const p = t?.pipelines?.[pipelineKey];
        return {
          ...(p?.label ? { [`pipelines.${pipelineKey}`]: p.label } : {}),
          ...prefixed('stages', p?.stages),
        };
      };
      await translateField(run, field, language, leaves(was), leaves(now));
    }
    for (const viewKey of keysOf(now?.views, was?.views)) {
      const id = run.viewIds[viewKey];
      const row = id ? await run.tx.em.findOne(ViewRow, { id }) : null;
      if (!row) continue;
      const current = row.translations?.[language]?.name;
      const name = merged(
        compact({ name: was?.views?.[viewKey] }),
        compact({ name: now?.views?.[viewKey] }),
        compact({ name: current }),
      ).name;
      if (name === current) continue;
      const translations = { ...row.translations };
      if (name) translations[language] = { name };
      else delete translations[language];
      row.translations = translations;
      run.announceView(row.id, 'UPDATED');
    }
  }
  await run.tx.flush();
}

async function translateObject(
  run: StepRun,
  object: ObjectDef,
  language: Language,
  now: TemplateTranslation | undefined,
  was: TemplateTranslation | undefined,
): Promise<void> {
  const own = (t: TemplateTranslation | undefined): Flat => {
    const o = t?.objects?.[object.key];
    return compact({
      labelSingular: o?.labelSingular,
      labelPlural: o?.labelPlural,
      description: o?.description,
    });
  };
  const current = (object.translations?.[language] ?? {}) as Flat;
  const entry = merged(own(was), own(now), current);
  if (!same(entry, current))
    await writeObjectTranslations(run.tx, object, withEntry(object.translations, language, entry));
  for (const fieldKey of keysOf(now?.objects?.[object.key]?.fields, was?.objects?.[object.key]?.fields)) {
    const field = object.fields.find((f) => f.key === fieldKey && !f.system && !f.archivedAt);
    if (!field) continue;
    const leaves = (t: TemplateTranslation | undefined): Flat => {
      const f = t?.objects?.[object.key]?.fields?.[fieldKey];
      return { ...compact({ label: f?.label, helpText: f?.helpText }), ...prefixed('choices', f?.choices) };
    };
    await translateField(run, field, language, leaves(was), leaves(now));
  }
}

async function translateField(run: StepRun, field: FieldDef, language: Language, was: Flat, now: Flat) {
  const current = flattenField(field.translations?.[language]);
  const entry = merged(was, now, current);
  if (same(entry, current)) return;
  await writeFieldTranslations(run.tx, field, withEntry(field.translations, language, unflattenField(entry)));
}

/**
 * The three-way rule per label: what the new version changes is written where the workspace still
 * holds the old version's label (or none, on a first install); an admin's own label stays.
 */
function merged(was: Flat, now: Flat, current: Flat): Flat {
  const out = { ...current };
  for (const key of keysOf(was, now)) {
    if (was[key] === now[key]) continue;
    if (was[key] === undefined ? current[key] !== undefined : current[key] !== was[key]) continue;
    if (now[key] === undefined) delete out[key];
    else out[key] = now[key];
  }
  return out;
}

function keysOf(...maps: (object | undefined)[]): string[] {
  return [...new Set(maps.flatMap((m) => Object.keys(m ?? {})))];
}

function compact(entry: Record<string, string | undefined>): Flat {
  return Object.fromEntries(Object.entries(entry).filter((e): e is [string, string] => e[1] !== undefined));
}

function prefixed(prefix: string, labels: Record<string, string> | undefined): Flat {
  return Object.fromEntries(Object.entries(labels ?? {}).map(([k, v]) => [`${prefix}.${k}`, v]));
}

type FieldEntry = NonNullable<FieldTranslations[Language]>;
const keyedKinds = ['choices', 'stages', 'pipelines'] as const;

function flattenField(entry: FieldEntry | undefined): Flat {
  if (!entry) return {};
  return {
    ...compact({ label: entry.label, helpText: entry.helpText }),
    ...Object.assign({}, ...keyedKinds.map((kind) => prefixed(kind, entry[kind]))),
  };
}

function unflattenField(flat: Flat): FieldEntry {
  const entry: FieldEntry = compact({ label: flat.label, helpText: flat.helpText });
  for (const kind of keyedKinds) {
    const labels = Object.fromEntries(
      Object.entries(flat)
        .filter(([k]) => k.startsWith(`${kind}.`))
        .map(([k, v]) => [k.slice(kind.length + 1), v]),
    );
    if (Object.keys(labels).length) entry[kind] = labels;
  }
  return entry;
}

function withEntry<T extends object>(
  all: Partial<Record<Language, T>> | undefined,
  language: Language,
  entry: object,
): Partial<Record<Language, T>> {
  const next = { ...(all ?? {}) };
  if (Object.keys(entry).length) next[language] = entry as T;
  else delete next[language];
  return next;
}
