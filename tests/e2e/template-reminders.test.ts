import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, type SignedUpUser } from '../support/client.js';
import { useServer } from '../support/server.js';
import { asEarlierVersion, copyShippedTemplate } from '../support/templates.js';
import { eventually } from '../support/ws.js';

// Templates set default reminders per date field (issue 14, item 7): on install, on the
// upgrade of an install made before the template had them, and through later upgrades by
// the three-way rule (a rule list the admin changed or removed stays as the admin left it).

const published = fileURLToPath(new URL('../../templates/real-estate/template.yaml', import.meta.url));
let templatesDir: string;
let current: string;

/** The real-estate file before it had reminders (version 1), with them (2), and with a change (3). */
const versions = {
  v1: (text: string) => asEarlierVersion(text, 1).replace(/^reminders:\n[\s\S]*?\n(?=automations:)/m, ''),
  v2: (text: string) => asEarlierVersion(text, 2),
  v3: (text: string) =>
    asEarlierVersion(text, 3).replace(
      'minutesBefore: 60, recipients: [agent]',
      'minutesBefore: 120, recipients: [agent]',
    ),
};

async function publish(version: keyof typeof versions): Promise<void> {
  const text = versions[version](current);
  await writeFile(path.join(templatesDir, 'real-estate', 'template.yaml'), text);
}

beforeAll(async () => {
  templatesDir = await mkdtemp(path.join(os.tmpdir(), 'crm-template-reminders-'));
  await copyShippedTemplate('real-estate', templatesDir);
  current = await readFile(published, 'utf8');
  expect(versions.v1(current)).not.toContain('reminders:');
  expect(versions.v3(current)).toContain('minutesBefore: 120');
  await publish('v2');
});
afterAll(() => rm(templatesDir, { recursive: true, force: true }));
const server = useServer(() => ({ TEMPLATES_DIR: templatesDir }));
/** Each test installs and upgrades a template in several workspaces: time for a busy machine. */
const slow = 180_000;

interface Plan {
  fromVersion: number | null;
  toVersion: number;
  steps: { action: string; target: string; description: string }[];
}

interface Rule {
  object: string;
  field: string;
  minutesBefore: number;
  timeOfDay: string | null;
  recipients: string[];
  doneField: string | null;
  doneValues: string[];
}

async function install(user: SignedUpUser, withSampleData = false): Promise<Plan> {
  const data = await user.client.data<{ installTemplate: Plan }>(
    `mutation ($withSampleData: Boolean!) {
      installTemplate(key: "real-estate", withSampleData: $withSampleData) {
        fromVersion toVersion steps { action target description }
      }
    }`,
    { withSampleData },
  );
  return data.installTemplate;
}

async function rules(user: SignedUpUser): Promise<Record<string, Omit<Rule, 'object' | 'field'>[]>> {
  const { reminderRules } = await user.client.data<{ reminderRules: Rule[] }>(
    `{ reminderRules { object field minutesBefore timeOfDay recipients doneField doneValues } }`,
  );
  const byField: Record<string, Omit<Rule, 'object' | 'field'>[]> = {};
  for (const { object, field, ...rule } of reminderRules) (byField[`${object}.${field}`] ??= []).push(rule);
  return byField;
}

async function setRules(user: SignedUpUser, object: string, field: string, list: unknown[]): Promise<void> {
  await user.client.data(
    `mutation ($object: String!, $field: String!, $rules: [ReminderRuleInput!]!) {
      setReminderRules(object: $object, field: $field, rules: $rules) { id }
    }`,
    { object, field, rules: list },
  );
}

const viewingRule = (minutesBefore: number) => ({
  minutesBefore,
  timeOfDay: null,
  recipients: ['agent'],
  doneField: 'status',
  doneValues: ['done', 'cancelled', 'noShow'],
});
const taskDone = { recipients: ['assignee'], doneField: 'status', doneValues: ['done', 'cancelled'] };
const taskRules = {
  'task.dueAt': [
    { minutesBefore: 60, timeOfDay: null, ...taskDone },
    // 9:00 on the day the task is due, in the assignee's time zone.
    { minutesBefore: 0, timeOfDay: '09:00', ...taskDone },
  ],
  'task.remindAt': [{ minutesBefore: 0, timeOfDay: null, ...taskDone }],
};
const reminderTargets = (plan: Plan) =>
  plan.steps.filter((s) => s.action === 'SET_REMINDERS').map((s) => s.target);

describe('a template’s default reminders', () => {
  it(
    'are set on install, and a viewing’s reminder reaches its agent an hour before',
    async () => {
      const owner = await newUser(server);
      const plan = await install(owner, true);
      expect(reminderTargets(plan)).toEqual(['viewing.startsAt', 'task.dueAt', 'task.remindAt']);
      expect(plan.steps.find((s) => s.target === 'viewing.startsAt')?.description).toBe(
        'Remind by viewing.startsAt: agent 60 min before',
      );
      expect(await rules(owner)).toEqual({ 'viewing.startsAt': [viewingRule(60)], ...taskRules });

      const { properties } = await owner.client.data<{ properties: { nodes: { id: string }[] } }>(
        `{ properties(first: 1) { nodes { id } } }`,
      );
      // Starts in an hour and three seconds: the reminder is due in three seconds.
      const startsAt = new Date(Date.now() + 60 * 60_000 + 3_000).toISOString();
      const { createViewing } = await owner.client.data<{ createViewing: { id: string } }>(
        `mutation ($input: ViewingCreateInput!) { createViewing(input: $input) { id } }`,
        { input: { name: 'Soon', property: properties.nodes[0]!.id, agent: owner.userId, startsAt } },
      );
      const reminded = async () => {
        const { notifications } = await owner.client.data<{
          notifications: { nodes: { kind: string; object: string; recordId: string }[] };
        }>(`{ notifications(first: 50) { nodes { kind object recordId } } }`);
        // The template's “Viewing booked” automation notifies the agent too (kind AUTOMATION).
        return notifications.nodes.filter((n) => n.recordId === createViewing.id && n.kind === 'REMINDER');
      };
      await eventually(async () => (await reminded()).length > 0, 30_000);
      expect(await reminded()).toEqual([{ kind: 'REMINDER', object: 'viewing', recordId: createViewing.id }]);
    },
    slow,
  );

  it(
    'are added by the upgrade of an install made before the template had them, but not over the admin’s own',
    async () => {
      await publish('v1');
      const plain = await newUser(server);
      const customised = await newUser(server);
      try {
        for (const user of [plain, customised]) expect(reminderTargets(await install(user))).toEqual([]);
        expect(await rules(plain)).toEqual({});
        // An admin who set their own reminder on due dates before the template had one.
        await setRules(customised, 'task', 'dueAt', [{ minutesBefore: 15, recipients: ['owner'] }]);
      } finally {
        await publish('v2');
      }

      const upgraded = await install(plain);
      expect(upgraded).toMatchObject({ fromVersion: 1, toVersion: 2 });
      expect(reminderTargets(upgraded)).toEqual(['viewing.startsAt', 'task.dueAt', 'task.remindAt']);
      expect(await rules(plain)).toEqual({ 'viewing.startsAt': [viewingRule(60)], ...taskRules });

      expect(reminderTargets(await install(customised))).toEqual(['viewing.startsAt', 'task.remindAt']);
      expect((await rules(customised))['task.dueAt']).toEqual([
        { minutesBefore: 15, timeOfDay: null, recipients: ['owner'], doneField: null, doneValues: [] },
      ]);
    },
    slow,
  );

  it(
    'change by a later upgrade only where the workspace still has what the installed version set',
    async () => {
      const untouched = await newUser(server);
      const changed = await newUser(server);
      const removed = await newUser(server);
      for (const user of [untouched, changed, removed]) await install(user);
      await setRules(changed, 'viewing', 'startsAt', [viewingRule(30)]);
      await setRules(removed, 'viewing', 'startsAt', []);

      await publish('v3');
      try {
        const upgraded = await install(untouched);
        expect(upgraded).toMatchObject({ fromVersion: 2, toVersion: 3 });
        expect(reminderTargets(upgraded)).toEqual(['viewing.startsAt']);
        expect((await rules(untouched))['viewing.startsAt']).toEqual([viewingRule(120)]);

        for (const user of [changed, removed]) expect(reminderTargets(await install(user))).toEqual([]);
        expect((await rules(changed))['viewing.startsAt']).toEqual([viewingRule(30)]);
        expect((await rules(removed))['viewing.startsAt']).toBeUndefined();
        // The task reminders, the same in both versions, were left as they were everywhere.
        for (const user of [untouched, changed, removed]) expect(await rules(user)).toMatchObject(taskRules);
      } finally {
        await publish('v2');
      }
    },
    slow,
  );
});
