import type { LabelSet, TranslatableObject, TranslatableView } from './operations';

/**
 * One translatable label as the screen lists it: where it lives (its path in
 * setLabelTranslations' `labels`, or a view), its default text and its translation.
 */
export interface LabelRow {
  id: string;
  /** ['labelSingular'] or ['fields', key, 'label' | 'helpText'] or ['fields', key, 'choices' | 'stages' | 'pipelines', key]. */
  path: string[];
  viewId?: string;
  kind: 'object' | 'field' | 'helpText' | 'choice' | 'stage' | 'pipeline' | 'view';
  owner: string;
  source: string;
  value: string;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const entries = (value: unknown) => Object.entries((value ?? {}) as Record<string, unknown>);

function at(labels: LabelSet, language: string, path: string[]): string {
  let node: unknown = labels[language];
  for (const part of path) node = (node as Record<string, unknown> | undefined)?.[part];
  return text(node);
}

export function labelRows(
  object: TranslatableObject,
  views: readonly TranslatableView[],
  language: string,
): LabelRow[] {
  const rows: LabelRow[] = [];
  const source = object.labels.default ?? {};
  for (const key of ['labelSingular', 'labelPlural'] as const)
    rows.push({
      id: key,
      path: [key],
      kind: 'object',
      owner: key,
      source: text(source[key]),
      value: at(object.labels, language, [key]),
    });
  for (const field of object.fields) {
    if (field.system) continue;
    const own = field.labels.default ?? {};
    const fieldRow = (kind: LabelRow['kind'], path: string[], sourceText: string): LabelRow => ({
      id: ['fields', field.key, ...path].join('.'),
      path: ['fields', field.key, ...path],
      kind,
      owner: text(own.label) || field.key,
      source: sourceText,
      value: at(field.labels, language, path),
    });
    rows.push(fieldRow('field', ['label'], text(own.label)));
    if (text(own.helpText)) rows.push(fieldRow('helpText', ['helpText'], text(own.helpText)));
    for (const [kind, group] of [
      ['choice', 'choices'],
      ['pipeline', 'pipelines'],
      ['stage', 'stages'],
    ] as const)
      for (const [key, label] of entries(own[group])) rows.push(fieldRow(kind, [group, key], text(label)));
  }
  for (const view of views)
    rows.push({
      id: `view.${view.id}`,
      path: [],
      viewId: view.id,
      kind: 'view',
      owner: view.id,
      source: text(view.labels.default?.name) || view.name,
      value: at(view.labels, language, ['name']),
    });
  return rows;
}

/** The `labels` argument of setLabelTranslations for what the rows hold (every field listed). */
export function labelsInput(object: TranslatableObject, rows: readonly LabelRow[]): Record<string, unknown> {
  const input: Record<string, unknown> = { fields: {} };
  for (const field of object.fields)
    if (!field.system) (input.fields as Record<string, unknown>)[field.key] = {};
  for (const row of rows) {
    if (row.viewId) continue;
    let node = input;
    row.path.slice(0, -1).forEach((part) => {
      node[part] ??= {};
      node = node[part] as Record<string, unknown>;
    });
    node[row.path.at(-1)!] = row.value.trim();
  }
  return input;
}
