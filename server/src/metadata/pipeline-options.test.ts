import { describe, expect, it } from 'vitest';
import { BadInput } from '../platform/index.js';
import { parseStage } from './pipeline-options.js';

const stage = { key: 'sold', label: 'Sold', kind: 'WON' as const };
const condition = {
  label: ' Sea trial passed ',
  filter: { seaTrialOutcome: { in: ['passed'] } },
  deadlineField: 'seaTrialDeadline',
};

/** The argument path of the BadInput `run` throws. */
function refusedAt(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BadInput);
    return (error as BadInput).extensions.argumentPath;
  }
  throw new Error('expected a refusal');
}

describe('a stage’s entry conditions', () => {
  it('are none unless given, and keep their label (trimmed), filter and deadline field', () => {
    expect(parseStage(stage, 0, ['input']).requires).toEqual([]);
    expect(parseStage({ ...stage, requires: [condition] }, 0, ['input']).requires).toEqual([
      { label: 'Sea trial passed', filter: condition.filter, deadlineField: 'seaTrialDeadline' },
    ]);
    expect(
      parseStage({ ...stage, requires: [{ label: 'Paid', filter: { paid: { eq: true } } }] }, 0, ['s'])
        .requires[0]!.deadlineField,
    ).toBeNull();
  });

  it('are refused, at their path, without a label, with an empty or non-object filter, or a bad key', () => {
    const parse = (requires: unknown[]) => () =>
      parseStage({ ...stage, requires: requires as never }, 0, ['input']);
    expect(refusedAt(parse([{ ...condition, label: '  ' }]))).toEqual(['input', 'requires', '0', 'label']);
    expect(refusedAt(parse([condition, { ...condition, filter: {} }]))).toEqual([
      'input',
      'requires',
      '1',
      'filter',
    ]);
    expect(refusedAt(parse([{ ...condition, filter: [] }]))).toEqual(['input', 'requires', '0', 'filter']);
    expect(refusedAt(parse([{ ...condition, deadlineField: 'not a key' }]))).toEqual([
      'input',
      'requires',
      '0',
      'deadlineField',
    ]);
    expect(refusedAt(parse(Array.from({ length: 21 }, () => condition)))).toEqual(['input', 'requires']);
  });
});
