import { BadInput } from '../platform/index.js';
import { assertKey } from './keys.js';
import type { PipelineDef, SelectOption, StageCondition, StageDef, StageKind } from './model.js';

export interface StageInput {
  key: string;
  label: string;
  color?: string | null;
  probability?: number | null;
  kind?: StageKind | null;
  requiredFields?: string[] | null;
  requires?: StageConditionInput[] | null;
  wipLimit?: number | null;
}

export interface StageConditionInput {
  label: string;
  filter: unknown;
  deadlineField?: string | null;
}

export interface PipelineInput {
  key: string;
  label: string;
  stages: StageInput[];
}

const colorPattern = /^#[0-9a-fA-F]{6}$/;
const palette = ['#64748b', '#2563eb', '#7c3aed', '#f59e0b', '#0891b2', '#db2777', '#16a34a', '#dc2626'];

export function parseStage(input: StageInput, index: number, path: string[]): StageDef {
  assertKey([...path, 'key'], input.key);
  const label = input.label?.trim();
  if (!label || label.length > 100)
    throw new BadInput([...path, 'label'], 'A stage label is 1 to 100 characters.');
  if (input.color && !colorPattern.test(input.color))
    throw new BadInput([...path, 'color'], 'A colour is written #rrggbb.');
  const kind = input.kind ?? 'OPEN';
  const probability = input.probability ?? (kind === 'WON' ? 100 : kind === 'LOST' ? 0 : 50);
  if (!Number.isFinite(probability) || probability < 0 || probability > 100) {
    throw new BadInput([...path, 'probability'], 'A win probability is 0 to 100.');
  }
  if (
    input.wipLimit !== undefined &&
    input.wipLimit !== null &&
    (!Number.isInteger(input.wipLimit) || input.wipLimit < 1)
  ) {
    throw new BadInput([...path, 'wipLimit'], 'A column limit is a whole number of cards, 1 or more.');
  }
  const requiredFields = [...new Set(input.requiredFields ?? [])];
  requiredFields.forEach((key, i) => assertKey([...path, 'requiredFields', String(i)], key));
  return {
    key: input.key,
    label,
    color: input.color ?? palette[index % palette.length]!,
    probability,
    kind,
    requiredFields,
    requires: parseConditions(input.requires ?? [], [...path, 'requires']),
    wipLimit: input.wipLimit ?? null,
  };
}

const maxConditions = 20;

/**
 * A stage's entry conditions, checked for shape here; whether each filter fits the
 * object's fields is checked where the object is known (the pipelines module).
 */
function parseConditions(inputs: StageConditionInput[], path: string[]): StageCondition[] {
  if (inputs.length > maxConditions)
    throw new BadInput(path, `A stage has at most ${maxConditions} entry conditions.`);
  return inputs.map((input, i) => {
    const at = [...path, String(i)];
    const label = input.label?.trim();
    if (!label || label.length > 200)
      throw new BadInput([...at, 'label'], 'A condition label is 1 to 200 characters.');
    const filter = input.filter;
    if (typeof filter !== 'object' || filter === null || Array.isArray(filter) || !Object.keys(filter).length)
      throw new BadInput([...at, 'filter'], 'A condition is a filter object with at least one entry.');
    if (input.deadlineField) assertKey([...at, 'deadlineField'], input.deadlineField);
    return { label, filter: filter as Record<string, unknown>, deadlineField: input.deadlineField ?? null };
  });
}

/** Validates pipelines; stage keys must be unique across them (a stage names its pipeline). */
export function parsePipelines(inputs: PipelineInput[], path: string[]): PipelineDef[] {
  if (!inputs.length) throw new BadInput(path, 'A stage field needs at least one pipeline.');
  const pipelineKeys = new Set<string>();
  const stageKeys = new Set<string>();
  return inputs.map((input, p) => {
    const at = [...path, String(p)];
    assertKey([...at, 'key'], input.key);
    if (pipelineKeys.has(input.key))
      throw new BadInput([...at, 'key'], `The pipeline key “${input.key}” appears twice.`);
    pipelineKeys.add(input.key);
    if (!input.stages?.length) throw new BadInput([...at, 'stages'], 'A pipeline needs at least one stage.');
    const stages = input.stages.map((stage, s) => {
      const parsed = parseStage(stage, s, [...at, 'stages', String(s)]);
      if (stageKeys.has(parsed.key)) {
        throw new BadInput(
          [...at, 'stages', String(s), 'key'],
          `The stage key “${parsed.key}” is already used.`,
        );
      }
      stageKeys.add(parsed.key);
      return parsed;
    });
    return { key: input.key, label: input.label?.trim() || input.key, stages };
  });
}

/** The stages as select choices, so validation and filters treat a stage like an option. */
export function stageChoices(pipelines: PipelineDef[]): SelectOption[] {
  return pipelines
    .flatMap((pipeline) => pipeline.stages)
    .map((stage, position) => ({
      key: stage.key,
      label: stage.label,
      color: stage.color,
      position,
    }));
}
