import { describe, expect, it } from 'vitest';
import {
  createFieldInput,
  draftOf,
  emptyDraft,
  keyFromLabel,
  moveItem,
  parseDefault,
  updateFieldInput,
} from './field-form';
import type { AdminField } from './operations';
import { reorderedKeys, stagesFromLabels } from './pipelines/stage-list';
import { templateStatus } from './templates/template-status';

describe('keyFromLabel', () => {
  it('makes lowerCamelCase API keys from labels', () => {
    expect(keyFromLabel('Sea trial date')).toBe('seaTrialDate');
    expect(keyFromLabel('  Hull ID / number ')).toBe('hullIdNumber');
    expect(keyFromLabel('Économie')).toBe('economie');
    expect(keyFromLabel('2nd owner')).toBe('f2ndOwner');
    expect(keyFromLabel('')).toBe('');
  });
});

describe('createFieldInput', () => {
  it('sends a select with its options in order, keys from labels', () => {
    const draft = {
      ...emptyDraft(),
      label: 'Hull',
      type: 'SELECT' as const,
      required: true,
      choices: [
        { key: '', label: 'Mono hull', color: '#111111' },
        { key: 'cat', label: 'Catamaran', color: '#222222' },
      ],
    };
    expect(createFieldInput('boat', draft)).toEqual({
      object: 'boat',
      key: 'hull',
      label: 'Hull',
      type: 'SELECT',
      required: true,
      unique: false,
      settings: {
        choices: [
          { key: 'monoHull', label: 'Mono hull', color: '#111111', position: 0 },
          { key: 'cat', label: 'Catamaran', color: '#222222', position: 1 },
        ],
      },
    });
  });

  it('sends currency precision and code, a typed default and help text', () => {
    const draft = {
      ...emptyDraft(),
      key: 'price',
      label: 'Price',
      type: 'CURRENCY' as const,
      precision: '2',
      defaultCurrency: 'eur',
      helpText: ' Asking price ',
    };
    expect(createFieldInput('boat', draft)).toMatchObject({
      settings: { precision: 2, defaultCurrency: 'EUR' },
      helpText: 'Asking price',
    });
    expect(
      createFieldInput('boat', { ...emptyDraft(), label: 'Length', type: 'NUMBER', defaultValue: '12.5' }),
    ).toMatchObject({ defaultValue: 12.5 });
  });

  it('sends a NUMBER field’s grouping, off for a year and on by default; other types send none', () => {
    const year = { ...emptyDraft(), label: 'Year', type: 'NUMBER' as const, precision: '0', grouping: false };
    expect(createFieldInput('boat', year).settings).toEqual({ precision: 0, grouping: false });
    expect(createFieldInput('boat', { ...emptyDraft(), label: 'Length', type: 'NUMBER' }).settings).toEqual({
      grouping: true,
    });
    expect(
      createFieldInput('boat', { ...emptyDraft(), label: 'Share', type: 'PERCENT' }).settings,
    ).toBeUndefined();
  });

  it('sends a relation with its target, kind, delete rule and inverse', () => {
    const draft = {
      ...emptyDraft(),
      label: 'Boat',
      type: 'RELATION' as const,
      relation: {
        target: 'boat',
        kind: 'MANY_TO_ONE' as const,
        onDelete: 'RESTRICT' as const,
        inverseKey: 'trials',
        inverseLabel: '',
      },
    };
    expect(createFieldInput('seaTrial', draft).relation).toEqual({
      target: 'boat',
      kind: 'MANY_TO_ONE',
      onDelete: 'RESTRICT',
      inverseKey: 'trials',
    });
  });
});

describe('parseDefault', () => {
  it('types the default by the field type', () => {
    expect(parseDefault('BOOLEAN', 'yes')).toBe(true);
    expect(parseDefault('BOOLEAN', 'no')).toBe(false);
    expect(parseDefault('MULTI_SELECT', 'a, b,')).toEqual(['a', 'b']);
    expect(parseDefault('TEXT', '  ')).toBeUndefined();
  });
});

describe('draftOf and updateFieldInput', () => {
  it('edits a field without its key, type or relation, and clears an emptied default', () => {
    const field: AdminField = {
      id: 'f1',
      key: 'size',
      label: 'Size',
      type: 'SELECT',
      position: 1,
      required: false,
      unique: false,
      readOnly: false,
      system: false,
      standard: false,
      helpText: null,
      defaultValue: 'small',
      archivedAt: null,
      settings: {
        choices: [
          { key: 'large', label: 'Large', color: '#000', position: 2 },
          { key: 'small', label: 'Small', color: '#fff', position: 1 },
        ],
        defaultCurrency: null,
        max: null,
        precision: null,
        grouping: null,
        pipelines: null,
        relation: null,
      },
    };
    const draft = draftOf(field);
    expect(draft.choices.map((c) => c.key)).toEqual(['small', 'large']);
    const input = updateFieldInput({ ...draft, defaultValue: '', choices: moveItem(draft.choices, 1, 0) });
    expect(input).toEqual({
      label: 'Size',
      required: false,
      unique: false,
      helpText: '',
      defaultValue: null,
      settings: {
        choices: [
          { key: 'large', label: 'Large', color: '#000', position: 0 },
          { key: 'small', label: 'Small', color: '#fff', position: 1 },
        ],
      },
    });
  });

  it('shows a year’s grouping off, and sends it back on once ticked', () => {
    const year: AdminField = {
      id: 'f2',
      key: 'year',
      label: 'Year',
      type: 'NUMBER',
      position: 2,
      required: false,
      unique: false,
      readOnly: false,
      system: false,
      standard: false,
      helpText: null,
      defaultValue: null,
      archivedAt: null,
      settings: {
        choices: null,
        defaultCurrency: null,
        max: null,
        precision: 0,
        grouping: false,
        pipelines: null,
        relation: null,
      },
    };
    const draft = draftOf(year);
    expect(draft.grouping).toBe(false);
    expect(updateFieldInput(draft).settings).toEqual({ precision: 0, grouping: false });
    expect(updateFieldInput({ ...draft, grouping: true }).settings).toEqual({ precision: 0, grouping: true });
  });
});

describe('stages', () => {
  it('makes stages from a comma-separated list, Won and Lost ending it', () => {
    expect(stagesFromLabels('Listed, Under offer, Won, lost,')).toEqual([
      { key: 'listed', label: 'Listed' },
      { key: 'underOffer', label: 'Under offer' },
      { key: 'won', label: 'Won', kind: 'WON' },
      { key: 'lost', label: 'lost', kind: 'LOST' },
    ]);
  });

  it('puts a dragged stage at its drop index', () => {
    expect(reorderedKeys(['a', 'b', 'c', 'd'], 'd', 1)).toEqual(['a', 'd', 'b', 'c']);
    expect(reorderedKeys(['a', 'b', 'c'], 'a', 9)).toEqual(['b', 'c', 'a']);
    expect(moveItem(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
  });
});

describe('templateStatus', () => {
  it('says whether a template is installed and whether an upgrade is available', () => {
    expect(templateStatus({ version: 2, installedVersion: null })).toBe('Not installed · version 2');
    expect(templateStatus({ version: 2, installedVersion: 1 })).toContain('upgrade available (version 2)');
    expect(templateStatus({ version: 2, installedVersion: 2 })).toBe('Installed (version 2)');
  });
});
