import { keyFromLabel } from '../field-form';
import type { StageInput } from '../operations';

/**
 * Stages from "Lead, Qualified, Won, Lost": keys from labels; Won and Lost end the pipeline, as do
 * the words the admin's language uses for them (`ending`: "Gewonnen", "Verloren").
 */
export function stagesFromLabels(
  text: string,
  ending: { won: string; lost: string } = { won: 'won', lost: 'lost' },
): StageInput[] {
  const named = (label: string, ...words: string[]) =>
    words.some((word) => label.toLowerCase() === word.toLowerCase());
  return text
    .split(/[,，、]/)
    .map((label) => label.trim())
    .filter(Boolean)
    .map((label) => {
      const kind = named(label, 'won', ending.won)
        ? 'WON'
        : named(label, 'lost', ending.lost)
          ? 'LOST'
          : undefined;
      return { key: keyFromLabel(label), label, ...(kind ? { kind } : {}) };
    });
}

/** Stage keys in their new order after one stage was dropped at `to` (its index once taken out). */
export function reorderedKeys(keys: readonly string[], moved: string, to: number): string[] {
  const others = keys.filter((k) => k !== moved);
  const at = Math.max(0, Math.min(to, others.length));
  return [...others.slice(0, at), moved, ...others.slice(at)];
}
