import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseTemplate, TemplateError } from './parse.js';
import { resolveRelativeDate } from './sample-data.js';

const templatesDir = fileURLToPath(new URL('../../../templates/', import.meta.url));

const minimal = `key: tiny
name: Tiny
version: 1
description: The smallest template.
objects:
  - key: thing
    labelSingular: Thing
    fields:
      - { key: name, label: Name, type: TEXT }
`;

function problemsOf(text: string): { line: number; reason: string }[] {
  try {
    parseTemplate(text, 'tiny/template.yaml');
  } catch (error) {
    if (error instanceof TemplateError) return error.problems;
    throw error;
  }
  throw new Error('expected the template to be refused');
}

describe('parseTemplate', () => {
  it('accepts the templates of the repository', async () => {
    for (const key of await readdir(templatesDir)) {
      const text = await readFile(`${templatesDir}${key}/template.yaml`, 'utf8');
      // With its folder: the sample photos it names are there.
      expect(parseTemplate(text, `${key}/template.yaml`, `${templatesDir}${key}`).key).toBe(key);
    }
  });

  it('takes up to 100 files in a FILE field but refuses a RATING above 10', () => {
    const files = minimal + '      - { key: papers, label: Papers, type: FILE, options: { max: 40 } }\n';
    expect(parseTemplate(files, 'tiny/template.yaml').objects[0]!.fields![1]!.options?.max).toBe(40);
    const stars = minimal + '      - { key: stars, label: Stars, type: RATING, options: { max: 12 } }\n';
    expect(
      problemsOf(stars)
        .map((p) => p.reason)
        .join(),
    ).toMatch(/RATING field’s highest value is 2 to 10/);
  });

  it('takes grouping on a NUMBER field and refuses it on another type', () => {
    const year = minimal + '      - { key: year, label: Year, type: NUMBER, options: { grouping: false } }\n';
    expect(parseTemplate(year, 'tiny/template.yaml').objects[0]!.fields![1]!.options?.grouping).toBe(false);
    const share =
      minimal + '      - { key: share, label: Share, type: PERCENT, options: { grouping: false } }\n';
    expect(problemsOf(share).map((p) => p.reason)).toContainEqual(
      expect.stringMatching(/grouping is for NUMBER fields/),
    );
  });

  it('accepts a minimal template', () => {
    expect(parseTemplate(minimal, 'tiny/template.yaml').objects[0]!.key).toBe('thing');
  });

  it('refuses object and field keys that are reserved words, naming the key', () => {
    const text = minimal
      .replace('- key: thing', '- key: presence')
      .replace('type: TEXT }', 'type: TEXT }\n      - { key: constructor, label: C, type: TEXT }');
    const reasons = problemsOf(text).map((p) => p.reason);
    expect(reasons).toContainEqual(expect.stringMatching(/objects\.0\.key: .*“presence” is a reserved word/));
    expect(reasons).toContainEqual(
      expect.stringMatching(/objects\.0\.fields\.1\.key: .*“constructor” is a reserved word/),
    );
  });

  it('refuses reminders setReminderRules would refuse, naming the rule', () => {
    const text = `${minimal}      - { key: when, label: When, type: DATETIME }
      - { key: day, label: Day, type: DATE }
      - { key: who, label: Who, type: USER }
reminders:
  - object: thing
    field: name
    rules: [{ recipients: [who] }]
  - object: thing
    field: when
    rules: [{ timeOfDay: '09:00', recipients: [name, owner], doneField: who, doneValues: [x] }]
  - object: thing
    field: day
    rules: [{ recipients: [who] }]
  - object: task
    field: dueAt
    rules: [{ minutesBefore: 60, recipients: [assignee], doneField: status, doneValues: [done, gone] }]
`;
    expect(problemsOf(text).map((p) => p.reason)).toEqual([
      'reminders.0.field: thing has no DATE or DATETIME field “name”',
      'reminders.1.rules.0.recipients.0: thing has no USER field “name”',
      'reminders.1.rules.0.doneField: thing has no SELECT or STAGE field “who”',
      'reminders.2.rules.0.timeOfDay: a DATE field needs timeOfDay (HH:MM, in the recipient’s time zone)',
      'reminders.3.rules.0.doneValues.1: “gone” is no option of task.status',
    ]);
  });

  it('names the line of a YAML syntax error', () => {
    const problems = problemsOf(minimal.replace('labelSingular: Thing', 'labelSingular: [Thing'));
    expect(problems[0]!.reason).toMatch(/^YAML syntax: /);
    expect(problems[0]!.line).toBeGreaterThanOrEqual(7);
  });

  it('names the file, line and path of a schema error', () => {
    const text = minimal.replace(
      'type: TEXT }',
      'type: TEXT }\n      - { key: size, label: Size, type: HUGE }',
    );
    try {
      parseTemplate(text, 'tiny/template.yaml');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateError);
      expect((error as TemplateError).message).toMatch(
        /^tiny\/template\.yaml:10: objects\.0\.fields\.1\.type: Invalid option/,
      );
      expect((error as TemplateError).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        file: 'tiny/template.yaml',
        line: 10,
      });
    }
  });

  it('refuses unknown keys, a missing version and an automation that is no rule, each on its line', () => {
    const text =
      minimal
        .replace('version: 1\n', '')
        .replace('labelSingular: Thing', 'labelSingular: Thing\n    colour: red') + 'automations: [x]\n';
    const problems = problemsOf(text);
    expect(problems).toEqual([
      { line: 1, reason: 'version: Invalid input: expected number, received undefined' },
      { line: 7, reason: 'objects.0.colour: unknown key “colour”' },
      { line: 10, reason: 'automations.0: Invalid input: expected object, received string' },
    ]);
  });

  it('checks references: relation targets, stage fields, required fields, views and sample refs', () => {
    const text = `${minimal}      - { key: owner2, label: Owner, type: RELATION, relation: { target: nobody, kind: MANY_TO_ONE, inverseKey: things } }
      - { key: phase, label: Phase, type: STAGE }
pipelines:
  - { object: thing, field: phase, key: flow, label: Flow, stages: [{ key: a, label: A, requiredFields: [nothing] }] }
views:
  - { key: board, object: thing, name: Board, type: BOARD, groupByField: name }
sampleData:
  thing:
    - { values: { name: One, missing: 1 } }
`;
    expect(problemsOf(text).map((p) => [p.line, p.reason])).toEqual([
      [10, 'objects.0.fields.1.relation.target: no object “nobody” in this template or the standard objects'],
      [13, 'pipelines.0.stages.0.requiredFields.0: thing has no field “nothing”'],
      [15, 'views.0: a BOARD view needs groupByField naming a SELECT or STAGE field'],
      [18, 'sampleData.thing.0.values.missing: thing has no writable field “missing”'],
    ]);
  });

  it('checks createRelated migrations: a many-to-one relation, fields both objects have alike', () => {
    const text = `${minimal.replace('version: 1', 'version: 2')}      - { key: size, label: Size, type: NUMBER }
      - { key: photos, label: Photos, type: IMAGE }
      - { key: home, label: Home, type: RELATION, relation: { target: home, kind: MANY_TO_ONE, onDelete: SET_NULL, inverseKey: things, inverseLabel: Things } }
  - key: home
    labelSingular: Home
    fields:
      - { key: name, label: Name, type: TEXT, required: true }
      - { key: size, label: Size, type: TEXT }
      - { key: photos, label: Photos, type: IMAGE }
migrations:
  - { version: 2, createRelated: { object: thing, relation: home, fields: [name, size, photos, colour] } }
  - { version: 2, createRelated: { object: thing, relation: name, fields: [name] } }
  - { version: 2 }
`;
    expect(problemsOf(text).map((p) => [p.line, p.reason])).toEqual([
      [22, 'migrations.2: a migration has one step: copyUrlToImage or createRelated'],
    ]);
    const valid = text.replace(/ {2}- \{ version: 2 \}\n/, '');
    expect(problemsOf(valid).map((p) => p.reason)).toEqual([
      'migrations.0.createRelated.fields.1: thing.size is NUMBER and home.size TEXT',
      'migrations.0.createRelated.fields.2: IMAGE fields are not copied (a file belongs to one record)',
      'migrations.0.createRelated.fields.3: thing has no field “colour”',
      'migrations.1.createRelated.relation: “name” is not a many-to-one relation of thing',
    ]);
  });

  it('checks copyUrlToImage migrations and sample files, naming the path and line', () => {
    const text = `${minimal.replace('version: 1', 'version: 2')}      - { key: link, label: Link, type: URL }
      - { key: photos, label: Photos, type: IMAGE }
      - { key: size, label: Size, type: NUMBER }
sampleData:
  thing:
    - { values: { name: One, photos: [{ file: samples/one.jpg }] } }
    - { values: { name: Two, photos: [{ file: ../secret.jpg }] } }
    - { values: { name: Three, photos: https://example.com/x.jpg } }
migrations:
  - { version: 2, copyUrlToImage: { object: thing, from: [link, oldPhoto], to: photos } }
  - { version: 3, copyUrlToImage: { object: thing, from: size, to: link } }
  - { version: 2, copyUrlToImage: { object: nothing, from: a, to: b } }
  - { version: 2, copyUrl: {} }
`;
    expect(problemsOf(text).map((p) => [p.line, p.reason])).toEqual([
      [22, 'migrations.3.copyUrl: unknown key “copyUrl”'],
      [22, 'migrations.3: a migration has one step: copyUrlToImage or createRelated'],
    ]);
    const valid = text.replace(/ {2}- \{ version: 2, copyUrl: \{\} \}\n/, '');
    expect(problemsOf(valid).map((p) => [p.line, p.reason])).toEqual([
      [
        16,
        'sampleData.thing.1.values.photos: an IMAGE field holds files of the template’s folder: [{ file: samples/photo-1.jpg }]',
      ],
      [
        17,
        'sampleData.thing.2.values.photos: an IMAGE field holds files of the template’s folder: [{ file: samples/photo-1.jpg }]',
      ],
      [20, 'migrations.1.version: version 3 is later than the file’s version 2'],
      [20, 'migrations.1.copyUrlToImage.to: “link” is not an IMAGE field of thing'],
      [20, 'migrations.1.copyUrlToImage.from: thing.size is NUMBER, not a URL, TEXT or LONG_TEXT field'],
      [21, 'migrations.2.copyUrlToImage.object: no object “nothing” in the template'],
    ]);
    // A folder given: the files must be in it.
    const withFolder = valid.replace(/ {4}- \{ values: \{ name: (Two|Three).*\n/g, '');
    expect(() => parseTemplate(withFolder, 'tiny/template.yaml', '/nonexistent-folder')).toThrow(
      TemplateError,
    );
    try {
      parseTemplate(withFolder, 'tiny/template.yaml', '/nonexistent-folder');
    } catch (error) {
      expect((error as TemplateError).problems).toContainEqual({
        line: 15,
        reason: 'sampleData.thing.0.values.photos.0.file: no file “samples/one.jpg” in the template’s folder',
      });
    }
  });

  it('refuses sample records that refer to each other in a cycle', () => {
    const text = `${minimal}      - { key: next, label: Next, type: RELATION, relation: { target: thing, kind: MANY_TO_ONE, inverseKey: previous } }
sampleData:
  thing:
    - { ref: a, values: { name: A, next: b } }
    - { ref: b, values: { name: B, next: a } }
`;
    expect(problemsOf(text)[0]!.reason).toMatch(/cycle/);
  });
});

describe('parseTemplate: automations', () => {
  const withRules = (rules: string) => `${minimal}      - { key: when, label: When, type: DATE }
      - { key: who, label: Who, type: USER }
      - { key: mail, label: Mail, type: EMAIL }
automations:
${rules}`;
  const good = `  - key: greet
    name: Greet
    object: thing
    enabled: false
    trigger: { kind: DATE_RELATIVE, dateField: when, yearly: true }
    actions:
      - { type: SEND_EMAIL, to: { field: mail }, subject: Hello, body: 'Hi {{ record.name }}' }
  - key: route
    name: Route
    object: thing
    trigger: { kind: RECORD_CREATED }
    condition: { name: { isEmpty: false } }
    actions:
      - { type: ASSIGN, field: who, mode: ROUND_ROBIN, role: MEMBER }
      - { type: WAIT, minutes: 0.5 }
      - type: BRANCH
        condition: { who: { isEmpty: false } }
        then: [{ type: NOTIFY, recipients: { roles: [ADMIN], fields: [owner] }, message: Untouched }]
      - { type: CREATE_RECORD, object: task, values: { name: { template: 'Call {{ record.name }}' }, assignee: { fromField: who }, dueAt: { relativeDate: { days: 1 } } } }
`;

  it('accepts rules in the RuleSpec shape, fields and objects by key', () => {
    const template = parseTemplate(withRules(good), 'tiny/template.yaml');
    expect(template.automations!.map((r) => [r.key, r.enabled])).toEqual([
      ['greet', false],
      ['route', undefined],
    ]);
    expect(template.automations![1]!.actions[2]).toMatchObject({
      type: 'BRANCH',
      then: [{ type: 'NOTIFY' }],
    });
  });

  it('refuses a rule without a key, an unknown action and a member by id, each on its line', () => {
    const text = withRules(
      good
        .replace('  - key: greet\n    name: Greet\n', '  - name: Greet\n')
        .replace('{ type: WAIT, minutes: 0.5 }', '{ type: SLEEP, minutes: 1 }')
        .replace('role: MEMBER', 'userIds: [u1]'),
    );
    expect(problemsOf(text).map((p) => [p.line, p.reason])).toEqual([
      [14, 'automations.0.key: Invalid input: expected string, received undefined'],
      [26, 'automations.1.actions.0.userIds: unknown key “userIds”'],
      [
        27,
        expect.stringMatching(
          /^automations\.1\.actions\.1\.type: Invalid discriminator value\. Expected 'CREATE_RECORD'/,
        ),
      ],
    ]);
  });

  it('refuses what a rule names that the template does not have, naming the line and the part', () => {
    const text = withRules(
      good
        .replace('dateField: when', 'dateField: name')
        .replace('to: { field: mail }', 'to: { field: who }')
        .replace('field: who, mode', 'field: name, mode')
        .replace('fields: [owner]', 'fields: [nobody]')
        .replace('object: task', 'object: chore')
        .replace('name: { isEmpty: false }', 'colour: { eq: red }'),
    );
    expect(problemsOf(text).map((p) => [p.line, p.reason])).toEqual([
      [18, 'automations.0.trigger.dateField: thing has no DATE or DATETIME field “name”'],
      [20, 'automations.0.actions.0.to.field: thing has no EMAIL field “who”'],
      [25, 'automations.1.condition.colour: thing has no field “colour”'],
      [27, 'automations.1.actions.0.field: thing has no USER field “name”'],
      [31, 'automations.1.actions.2.then.0.recipients.fields.0: thing has no USER field “nobody”'],
      [32, 'automations.1.actions.3.object: no object “chore”'],
    ]);
  });

  it('checks stages by pipeline and keys for duplicates', () => {
    const text = `${withRules(good)}  - key: route
    name: Again
    object: deal
    trigger: { kind: STAGE_ENTERED, stage: nowhere }
    actions: [{ type: MOVE_STAGE, stage: won }]
`;
    expect(problemsOf(text).map((p) => p.reason)).toEqual([
      'automations.2.key: automation key “route” appears twice',
      'automations.2.trigger.stage: deal.stage has no stage “nowhere”',
    ]);
    expect(problemsOf(withRules(good.replace(', role: MEMBER', ''))).map((p) => p.reason)).toEqual([
      'automations.1.actions.0: a template’s ROUND_ROBIN names the role to rotate through',
    ]);
  });
});

describe('parseTemplate: form-triggered automations', () => {
  const withFormRule = (trigger: string, object = 'thing') => `${minimal}forms:
  - key: enquiry
    name: Enquiry
    object: thing
    fields: [{ path: name, required: true }]
automations:
  - key: thank
    name: Thank
    object: ${object}
    trigger: ${trigger}
    actions: [{ type: ADD_COMMENT, body: Thanks }]
`;

  it('accepts a FORM_SUBMITTED rule naming one of the template’s forms by key, or none', () => {
    const template = parseTemplate(
      withFormRule('{ kind: FORM_SUBMITTED, form: enquiry }'),
      'tiny/template.yaml',
    );
    expect(template.automations![0]!.trigger).toEqual({ kind: 'FORM_SUBMITTED', form: 'enquiry' });
    expect(() => parseTemplate(withFormRule('{ kind: FORM_SUBMITTED }'), 'tiny/template.yaml')).not.toThrow();
  });

  it('refuses a form the template lacks, on another object, or on another trigger', () => {
    const reasons = (trigger: string, object?: string) =>
      problemsOf(withFormRule(trigger, object)).map((p) => p.reason);
    expect(reasons('{ kind: FORM_SUBMITTED, form: visit }')).toEqual([
      'automations.0.trigger.form: no form “visit” in the template',
    ]);
    expect(reasons('{ kind: FORM_SUBMITTED, form: enquiry }', 'deal')).toEqual([
      'automations.0.trigger.form: form “enquiry” makes thing records, not deal',
    ]);
    expect(reasons('{ kind: RECORD_CREATED, form: enquiry }')).toEqual([
      'automations.0.trigger.form: form: only on FORM_SUBMITTED',
    ]);
    expect(reasons('{ kind: FORM_SUBMITTED, formId: f1 }')[0]).toContain('formId');
  });
});

describe('resolveRelativeDate', () => {
  const now = new Date('2026-11-22T15:00:00Z');
  it('turns today±N into dates and date-times', () => {
    expect(resolveRelativeDate('today', 'DATE', now)).toBe('2026-11-22');
    expect(resolveRelativeDate('today+10', 'DATE', now)).toBe('2026-12-02');
    expect(resolveRelativeDate('today-1 14:30', 'DATETIME', now)).toBe('2026-11-21T14:30:00.000Z');
    expect(resolveRelativeDate('2026-01-05', 'DATE', now)).toBe('2026-01-05');
  });

  it('turns now±Nm into a date-time minutes from the install, and leaves it alone for dates', () => {
    expect(resolveRelativeDate('now+12m', 'DATETIME', now)).toBe('2026-11-22T15:12:00.000Z');
    expect(resolveRelativeDate('now-90m', 'DATETIME', now)).toBe('2026-11-22T13:30:00.000Z');
    expect(resolveRelativeDate('now+12m', 'DATE', now)).toBe('now+12m');
  });
});
