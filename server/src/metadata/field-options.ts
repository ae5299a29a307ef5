import { BadInput } from '../platform/index.js';
import { expectCurrencyCode } from './field-values.js';
import { assertKey } from './keys.js';
import { parsePipelines, stageChoices, type PipelineInput } from './pipeline-options.js';
import type { FieldOptions, FieldType, SelectOption } from './model.js';

export interface ChoiceInput {
  key: string;
  label: string;
  color?: string | null;
  position?: number | null;
}

export interface OptionsInput {
  precision?: number | null;
  defaultCurrency?: string | null;
  choices?: ChoiceInput[] | null;
  max?: number | null;
  pipelines?: PipelineInput[] | null;
}

const colorPattern = /^#[0-9a-fA-F]{6}$/;
const palette = ['#2563eb', '#16a34a', '#f59e0b', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#65a30d'];

function parseChoices(choices: ChoiceInput[], path: string[]): SelectOption[] {
  if (choices.length === 0) throw new BadInput(path, 'A select field needs at least one option.');
  if (choices.length > 500) throw new BadInput(path, 'A select field has at most 500 options.');
  const seen = new Set<string>();
  return choices.map((choice, index) => {
    const at = [...path, String(index)];
    assertKey([...at, 'key'], choice.key);
    if (seen.has(choice.key))
      throw new BadInput([...at, 'key'], `The option key “${choice.key}” appears twice.`);
    seen.add(choice.key);
    if (choice.color && !colorPattern.test(choice.color)) {
      throw new BadInput([...at, 'color'], 'A colour is written #rrggbb.');
    }
    return {
      key: choice.key,
      label: choice.label.trim() || choice.key,
      color: choice.color ?? palette[index % palette.length]!,
      position: choice.position ?? index,
    };
  });
}

/** Validates the options that matter for `type`; the rest are ignored. */
export function parseFieldOptions(
  type: FieldType,
  input: OptionsInput | null | undefined,
  path: string[],
): FieldOptions {
  const options: FieldOptions = {};
  const raw = input ?? {};
  if (type === 'NUMBER' || type === 'PERCENT' || type === 'CURRENCY') {
    if (raw.precision !== undefined && raw.precision !== null) {
      if (!Number.isInteger(raw.precision) || raw.precision < 0 || raw.precision > 10) {
        throw new BadInput([...path, 'precision'], 'Precision is a whole number of decimals from 0 to 10.');
      }
      options.precision = raw.precision;
    }
  }
  if (type === 'CURRENCY') {
    options.defaultCurrency = expectCurrencyCode(raw.defaultCurrency ?? 'USD', [...path, 'defaultCurrency']);
  }
  if (type === 'SELECT' || type === 'MULTI_SELECT') {
    options.choices = parseChoices(raw.choices ?? [], [...path, 'choices']);
  }
  if (type === 'STAGE') {
    options.pipelines = parsePipelines(raw.pipelines ?? [], [...path, 'pipelines']);
    options.choices = stageChoices(options.pipelines);
  }
  if (type === 'RATING') {
    const max = raw.max ?? 5;
    if (!Number.isInteger(max) || max < 2 || max > 10)
      throw new BadInput([...path, 'max'], 'A rating goes up to 2–10.');
    options.max = max;
  }
  return options;
}
