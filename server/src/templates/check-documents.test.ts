import { describe, expect, it } from 'vitest';
import { parseTemplate, TemplateError } from './parse.js';

// The file check of a template's documents (`pnpm templates validate`): what a block names must
// exist in the template or the standard objects, lines blocks included (relations and `quote`).

const base = `key: tiny
name: Tiny
version: 1
description: A boat and its deals.
objects:
  - key: boat
    labelSingular: Boat
    fields:
      - { key: name, label: Name, type: TEXT }
      - { key: photos, label: Photos, type: IMAGE }
      - { key: hin, label: HIN, type: TEXT }
  - key: survey
    labelSingular: Survey
    fields:
      - { key: name, label: Name, type: TEXT }
      - { key: findings, label: Findings, type: LONG_TEXT }
      - key: deal
        label: Deal
        type: RELATION
        relation: { target: deal, kind: MANY_TO_ONE, inverseKey: surveys, inverseLabel: Surveys }
  - key: deal
    extends: true
    fields:
      - key: boat
        label: Boat
        type: RELATION
        relation: { target: boat, kind: MANY_TO_ONE, inverseKey: deals, inverseLabel: Deals }
      - { key: deposit, label: Deposit, type: CURRENCY }
      - { key: documents, label: Documents, type: FILE }
documents:
  - key: agreement
    name: Agreement
    object: deal
    blocks:
`;

const withBlocks = (...blocks: string[]) => base + blocks.map((b) => `      - ${b}\n`).join('');

function reasons(text: string): string[] {
  try {
    parseTemplate(text, 'tiny/template.yaml');
    return [];
  } catch (error) {
    if (error instanceof TemplateError) return error.problems.map((p) => p.reason);
    throw error;
  }
}

describe('parseTemplate: documents', () => {
  it('accepts quote lines and a one-to-many relation on a deal, merge fields one hop away', () => {
    const text = withBlocks(
      `{ type: heading, text: '{{ record.name }} for {{ record.contact.name }}, HIN {{ record.boat.hin }}' }`,
      `{ type: paragraph, text: '{% if record.deposit %}Deposit {{ record.deposit }}{% endif %} by {{ record.owner.name }}' }`,
      `{ type: fields, fields: [record.amount, record.boat.name, workspace.name, today] }`,
      `{ type: lines, source: quote, columns: [description, quantity, unitPrice, discount, taxRate, net] }`,
      `{ type: lines, source: surveys, columns: [name, findings] }`,
    );
    expect(reasons(text)).toEqual([]);
    expect(parseTemplate(text, 'tiny/template.yaml').documents![0]!.blocks).toHaveLength(5);
  });

  it('refuses a quote column the quote lines do not have, naming the block and the column', () => {
    expect(reasons(withBlocks(`{ type: lines, source: quote, columns: [description, sku] }`))).toEqual([
      expect.stringMatching(/documents\.0\.blocks\.0\.columns\.1: .*“quote” have no column “sku”/),
    ]);
  });

  it('refuses quote lines on another object, an unknown source, a relation column and a many-to-one source', () => {
    const onBoat = base.replace(
      'object: deal\n    blocks:',
      'object: boat\n    fileField: photos\n    blocks:',
    );
    const problems = reasons(
      onBoat +
        [
          `{ type: lines, source: quote, columns: [description] }`,
          `{ type: lines, source: deals, columns: [name, boat] }`,
          `{ type: image, field: name }`,
        ]
          .map((b) => `      - ${b}\n`)
          .join(''),
    );
    expect(problems).toEqual([
      expect.stringMatching(/documents\.0\.fileField: .*boat has no FILE field “photos”/),
      expect.stringMatching(/documents\.0\.blocks\.0\.source: .*boat has no line source “quote”/),
      expect.stringMatching(/documents\.0\.blocks\.1\.columns\.1: .*“deals” have no column “boat”/),
      expect.stringMatching(/documents\.0\.blocks\.2\.field: .*boat has no IMAGE field “name”/),
    ]);
    expect(reasons(withBlocks(`{ type: lines, source: boat, columns: [name] }`))).toEqual([
      expect.stringMatching(/blocks\.0\.source: .*deal has no line source “boat”/),
    ]);
  });

  it('refuses merge fields the object lacks, two hops, and a deal without its FILE field', () => {
    const problems = reasons(
      withBlocks(
        `{ type: paragraph, text: 'Until {{ record.reservedUntil }}' }`,
        `{ type: fields, fields: [record.boat.deals, record.amount.value] }`,
      ).replace('      - { key: documents, label: Documents, type: FILE }\n', ''),
    );
    expect(problems).toEqual([
      expect.stringMatching(/documents\.0\.object: .*deal has no FILE field “documents”/),
      expect.stringMatching(/blocks\.0\.text: .*record\.reservedUntil: deal has no field “reservedUntil”/),
      expect.stringMatching(/blocks\.1\.fields\.0: .*boat has no field “deals” to merge/),
      expect.stringMatching(/blocks\.1\.fields\.1: .*“amount” is not a many-to-one relation/),
    ]);
  });
});
