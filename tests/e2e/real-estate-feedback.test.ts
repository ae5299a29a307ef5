import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { automationNotifications } from '../support/automation.js';
import { newUser, type SignedUpUser } from '../support/client.js';
import { useServer } from '../support/server.js';
import {
  copyShippedTemplate,
  idOf,
  installTemplateAs,
  publishUntranslated,
  taskSummaries,
} from '../support/templates.js';
import { eventually } from '../support/ws.js';

// Real-estate version 8 (issue 22): a viewing marked done asks its agent to call the buyer for
// feedback, the feedback adds up per listing for the seller (a report: viewings and average
// interest; a view: the comments), and a deal going under contract gets its dated milestone
// tasks. An install of version 7 (the fixture) upgrades keeping its records and an admin's change.

// Version 8 as published (the fixture): version 9 is tested in real-estate-property.test.ts.
const shipped = fileURLToPath(new URL('../fixtures/templates/real-estate-v8.yaml', import.meta.url));
const version7 = fileURLToPath(new URL('../fixtures/templates/real-estate-v7.yaml', import.meta.url));
let templatesDir: string;

/** Serves a published version (7 or 8, both without translations). */
const publish = async (file: string) =>
  publishUntranslated(templatesDir, 'real-estate', await readFile(file, 'utf8'));

beforeAll(async () => {
  templatesDir = await mkdtemp(path.join(os.tmpdir(), 'crm-real-estate-feedback-'));
  await copyShippedTemplate('real-estate', templatesDir);
  await publish(version7);
});
afterAll(() => rm(templatesDir, { recursive: true, force: true }));
const server = useServer(() => ({ TEMPLATES_DIR: templatesDir }));

const install = (user: SignedUpUser, withSampleData: boolean) =>
  installTemplateAs(user, 'real-estate', withSampleData);
const tasks = taskSummaries;

const hoursFromNow = (iso: string | null) => (new Date(iso!).getTime() - Date.now()) / 3_600_000;

/** The seller's summary: per listing, [viewings done, average interest]. */
async function feedbackByListing(user: SignedUpUser): Promise<Record<string, number[]>> {
  const { reports } = await user.client.data<{ reports: { id: string; name: string }[] }>(
    `{ reports(object: "viewing") { id name } }`,
  );
  const report = reports.find((r) => r.name === 'Viewing feedback by listing')!;
  const { reportResult } = await user.client.data<{
    reportResult: { rows: { labels: string[]; values: number[] }[] };
  }>(`query ($id: ID!) { reportResult(id: $id) { rows { labels values } } }`, { id: report.id });
  return Object.fromEntries(reportResult.rows.map((r) => [r.labels[0]!, r.values]));
}

describe('real-estate version 8: viewing feedback and milestones under contract', () => {
  it('upgrades from version 7 keeping records and an admin change, then asks for, sums up and dates', async () => {
    const agency = await newUser(server);
    expect(await install(agency, true)).toMatchObject({ toVersion: 7 });
    const { object } = await agency.client.data<{ object: { fields: { id: string; key: string }[] } }>(
      `query { object(key: "viewing") { fields { id key } } }`,
    );
    const feedbackField = object.fields.find((f) => f.key === 'feedback')!;
    await agency.client.data(
      `mutation ($id: ID!) { updateField(id: $id, input: { label: "Buyer's comments" }) { id } }`,
      { id: feedbackField.id },
    );

    await publish(shipped);
    const plan = await install(agency, false);
    expect(plan).toMatchObject({ fromVersion: 7, toVersion: 8 });
    const steps = plan.steps.map((s) => `${s.action} ${s.target}`);
    expect(steps).toEqual(
      expect.arrayContaining([
        'ADD_AUTOMATION automation.viewingFeedbackRequest',
        'ADD_AUTOMATION automation.underContractMilestones',
        'ADD_REPORT viewing.viewingFeedbackByListing',
      ]),
    );
    expect(steps.some((s) => s.startsWith('ADD_VIEW') && s.endsWith('viewingFeedback'))).toBe(true);
    const after = await agency.client.data<{
      object: { fields: { key: string; label: string }[] };
      viewings: { nodes: { name: string }[] };
    }>(`{ object(key: "viewing") { fields { key label } } viewings(first: 50) { nodes { name } } }`);
    expect(after.object.fields.find((f) => f.key === 'feedback')?.label).toBe("Buyer's comments");
    expect(after.viewings.nodes.map((v) => v.name).sort()).toEqual([
      'Priya at Riverside',
      'Priya at the loft',
      'Sam at the studio',
    ]);
    // The version-7 sample viewing done on the loft counts already.
    expect(await feedbackByListing(agency)).toEqual({ 'Old Town loft': [1, 3] });

    // The viewing is done: its agent gets a call task for the same day and a notification.
    const riverside = await idOf(agency, 'viewings', 'Priya at Riverside');
    await agency.client.data(
      `mutation ($id: ID!) { updateViewing(id: $id, input: { status: "done" }) { id } }`,
      {
        id: riverside,
      },
    );
    const askFor = 'Ask for feedback: Priya at Riverside';
    await eventually(async () => (await tasks(agency)).some((t) => t.name === askFor), 60_000);
    const ask = (await tasks(agency)).find((t) => t.name === askFor)!;
    expect(ask.assigneeId).toBe(agency.userId);
    expect(hoursFromNow(ask.dueAt)).toBeGreaterThan(3.9);
    expect(hoursFromNow(ask.dueAt)).toBeLessThanOrEqual(4);
    await eventually(async () =>
      (await automationNotifications(agency.client)).some((n) => n.recordId === riverside),
    );

    // The agent writes down what Priya said: the seller's summary has it.
    await agency.client.data(
      `mutation ($id: ID!) { updateViewing(id: $id, input: { interest: 5, feedback: "Wants to make an offer." }) { id } }`,
      { id: riverside },
    );
    expect(await feedbackByListing(agency)).toEqual({
      'Family house by the river': [1, 5],
      'Old Town loft': [1, 3],
    });

    // The offer is accepted: under contract, the milestones are dated from today.
    const deal = await idOf(agency, 'deals', 'Priya – Riverside house');
    await agency.client.data(
      `mutation ($id: ID!) { updateDeal(id: $id, input: { stage: "underContract" }) { id } }`,
      { id: deal },
    );
    await eventually(async () => (await tasks(agency)).filter((t) => t.dealId === deal).length === 4, 60_000);
    const milestones = Object.fromEntries(
      (await tasks(agency))
        .filter((t) => t.dealId === deal)
        .map((t) => [t.name, { assignee: t.assigneeId, days: Math.round(hoursFromNow(t.dueAt) / 24) }]),
    );
    expect(milestones).toEqual({
      'Inspection: Priya – Riverside house': { assignee: agency.userId, days: 10 },
      'Appraisal: Priya – Riverside house': { assignee: agency.userId, days: 21 },
      'Financing approved: Priya – Riverside house': { assignee: agency.userId, days: 30 },
      'Closing: Priya – Riverside house': { assignee: agency.userId, days: 45 },
    });
    // Each milestone is a task, so the task reminders reach its assignee before it is due.
    const { reminderRules } = await agency.client.data<{
      reminderRules: { minutesBefore: number; timeOfDay: string | null; recipients: string[] }[];
    }>(`{ reminderRules(object: "task") { field minutesBefore timeOfDay recipients } }`);
    expect(reminderRules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'dueAt', minutesBefore: 60, recipients: ['assignee'] }),
        expect.objectContaining({ field: 'dueAt', timeOfDay: '09:00', recipients: ['assignee'] }),
      ]),
    );
  }, 180_000);

  it('its sample data shows a listing’s feedback and a deal’s milestones', async () => {
    await publish(shipped);
    const agency = await newUser(server);
    expect(await install(agency, true)).toMatchObject({ fromVersion: null, toVersion: 8 });
    expect(await feedbackByListing(agency)).toEqual({ 'Old Town loft': [2, 4] });
    const deal = await idOf(agency, 'deals', 'Grace – Old Town loft');
    const milestones = (await tasks(agency)).filter((t) => t.dealId === deal);
    expect(milestones.map((t) => t.name.split(':')[0]).sort()).toEqual([
      'Appraisal',
      'Closing',
      'Financing approved',
      'Inspection',
    ]);
    expect(milestones.every((t) => t.assigneeId === agency.userId)).toBe(true);
  }, 120_000);
});
