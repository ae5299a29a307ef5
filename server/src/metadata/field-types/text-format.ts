import { BadInput } from '../../platform/index.js';
import type { Path } from '../field-values.js';
import type { FieldDef, FieldOptions, VinFills } from '../model.js';
import { decodeVin } from '../vin/decode.js';
import type { OptionsInput, TemplateOptions } from './spec.js';

/**
 * TEXT's `format` option: a VIN is text in every other respect (search, filters,
 * duplicates, imports treat it as TEXT), so it is a setting of TEXT rather than a type.
 */

const fillKeys = ['make', 'modelYear'] as const;
const keyPattern = /^[a-z][a-zA-Z0-9]{0,62}$/;

function parseFills(input: OptionsInput['fills'], path: string[]): VinFills {
  const fills: VinFills = {};
  for (const [name, key] of Object.entries(input ?? {})) {
    if (!fillKeys.includes(name as (typeof fillKeys)[number]))
      throw new BadInput([...path, 'fills', name], `fills: only ${fillKeys.join(' and ')} can be filled.`);
    if (key === null || key === undefined) continue;
    if (typeof key !== 'string' || !keyPattern.test(key))
      throw new BadInput([...path, 'fills', name], `fills.${name}: must be a field key.`);
    fills[name as keyof VinFills] = key;
  }
  return fills;
}

export function parseTextOptions(input: OptionsInput, path: string[]): FieldOptions {
  const format = input.format ?? undefined;
  if (format !== undefined && format !== 'VIN')
    throw new BadInput([...path, 'format'], 'format: the only text format is VIN.');
  if (input.fills && format !== 'VIN')
    throw new BadInput([...path, 'fills'], 'fills: only a field of format VIN fills others.');
  if (!format) return {};
  const fills = parseFills(input.fills, path);
  return { format, ...(Object.keys(fills).length ? { fills } : {}) };
}

export function exportTextOptions(options: FieldOptions): TemplateOptions {
  if (!options.format) return {};
  return { format: options.format, ...(options.fills ? { fills: { ...options.fills } } : {}) };
}

/** The value as stored: a VIN upper-cased and checked; refused with the reason otherwise. */
export function formatText(text: string, field: FieldDef, path: Path): string {
  if (field.options.format !== 'VIN') return text;
  const decoded = decodeVin(text);
  if (!decoded.valid) throw new BadInput(path, `${field.key}: not a valid VIN: ${decoded.reason}`);
  return decoded.vin;
}
