import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Client } from 'graphql-ws';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import { createRecord, errorOf, expectBadInput, expectCode } from '../support/records.js';
import { useServer } from '../support/server.js';
import { collect, eventually, newSocketClient } from '../support/ws.js';

// An admin edits a workspace's match definition (issue 22): criteria changed, added, removed or
// made required, checked like a template's (BAD_USER_INPUT at the criterion's part), and every
// pair rescored at once, pushed to open record pages. A small fixture template (renters and
// flats) keeps this independent of the real-estate template's own objects.

const fixture = fileURLToPath(new URL('../fixtures/templates/matching-admin.yaml', import.meta.url));
let templatesDir: string;
beforeAll(async () => {
  templatesDir = await mkdtemp(path.join(os.tmpdir(), 'crm-match-admin-'));
  await mkdir(path.join(templatesDir, 'matching-admin'));
  await cp(fixture, path.join(templatesDir, 'matching-admin', 'template.yaml'));
});
afterAll(() => rm(templatesDir, { recursive: true, force: true }));
const server = useServer(() => ({ TEMPLATES_DIR: templatesDir }));

const definitionFields = `key name seekerObject candidateObject minScore problem
  criteria { key label kind seeker candidate weight required tolerancePercent }`;
const update = `mutation ($key: String!, $input: UpdateMatchDefinitionInput!) {
  updateMatchDefinition(key: $key, input: $input) { ${definitionFields} } }`;

interface Criterion {
  key: string;
  label?: string | null;
  kind: string;
  seeker: string;
  candidate: string;
  weight: number;
  required?: boolean;
  tolerancePercent?: number | null;
}

const rent: Criterion = {
  key: 'rent',
  label: 'Affordable',
  kind: 'AT_MOST',
  seeker: 'maxRent',
  candidate: 'rent',
  weight: 60,
};
const area: Criterion = {
  key: 'area',
  label: 'Area',
  kind: 'ONE_OF',
  seeker: 'areas',
  candidate: 'area',
  weight: 40,
};
const rooms: Criterion = {
  key: 'rooms',
  label: 'Rooms',
  kind: 'AT_LEAST',
  seeker: 'minRooms',
  candidate: 'rooms',
  weight: 20,
};

describe('match definitions for admins', { timeout: 240_000 }, () => {
  let owner: SignedUpUser;
  let member: SignedUpUser;
  const ids: Record<string, string> = {};
  const sockets: Client[] = [];

  beforeAll(async () => {
    owner = await newUser(server);
    await owner.client.data(
      `mutation { installTemplate(key: "matching-admin", withSampleData: false) { toVersion } }`,
    );
    member = await newMember(server, owner, 'MEMBER');
    ids.ann = await createRecord(owner.client, 'Renter', { name: 'Ann', maxRent: 1000, areas: 'North' });
    ids.bob = await createRecord(owner.client, 'Renter', { name: 'Bob', maxRent: 800, areas: 'South' });
    ids.f1 = await createRecord(owner.client, 'Flat', {
      name: 'Flat one',
      rent: 900,
      area: 'North',
      rooms: 2,
    });
    ids.f2 = await createRecord(owner.client, 'Flat', {
      name: 'Flat two',
      rent: 700,
      area: 'North',
      rooms: 3,
    });
  }, 120_000);
  afterAll(() => Promise.all(sockets.map((s) => s.dispose())));

  const matchesOf = async (id: string) =>
    (
      await owner.client.data<{ matchesForSeeker: { label: string; score: number }[] }>(
        `query ($id: ID!) { matchesForSeeker(object: "renter", id: $id) { label score } }`,
        { id },
      )
    ).matchesForSeeker;
  const definitions = async () =>
    (await owner.client.data(`query { matchDefinitionsForAdmin { ${definitionFields} } }`))
      .matchDefinitionsForAdmin;

  it('lists the definitions with their criteria in full', async () => {
    expect(await definitions()).toEqual([
      {
        key: 'rentersFlats',
        name: 'Renters and flats',
        seekerObject: 'renter',
        candidateObject: 'flat',
        minScore: 50,
        problem: null,
        criteria: [
          { ...rent, required: false, tolerancePercent: null },
          { ...area, required: false, tolerancePercent: null },
        ],
      },
    ]);
    expectCode(await member.client.request(`query { matchDefinitionsForAdmin { key } }`), 'FORBIDDEN');
  });

  it('refuses bad criteria at the criterion’s part, and members, changing nothing', async () => {
    const bad = (criteria: Criterion[], extra: Record<string, unknown> = {}) =>
      owner.client.request(update, { key: 'rentersFlats', input: { criteria, ...extra } });
    expectBadInput(await bad([rent, { ...area, seeker: 'shoeSize' }]), ['input', 'criteria', '1', 'seeker']);
    // AT_MOST compares numbers: a TEXT field is refused, naming its type.
    const text = await bad([rent, { ...rooms, kind: 'AT_MOST', candidate: 'area' }]);
    expectBadInput(text, ['input', 'criteria', '1', 'candidate']);
    expect(errorOf(text).message).toContain('TEXT');
    expectBadInput(await bad([{ ...area, tolerancePercent: 5 }]), [
      'input',
      'criteria',
      '0',
      'tolerancePercent',
    ]);
    expectBadInput(await bad([{ ...rent, weight: 0 }]), ['input', 'criteria', '0', 'weight']);
    expectBadInput(await bad([rent, { ...area, key: 'rent' }]), ['input', 'criteria']);
    expectBadInput(await bad([]), ['input', 'criteria']);
    expectBadInput(await bad([rent], { minScore: 101 }), ['input', 'minScore']);
    expectCode(await owner.client.request(update, { key: 'nope', input: { criteria: [rent] } }), 'NOT_FOUND');
    expectCode(
      await member.client.request(update, { key: 'rentersFlats', input: { criteria: [rent] } }),
      'FORBIDDEN',
    );
    expect((await definitions())[0].criteria.map((c: Criterion) => c.key)).toEqual(['rent', 'area']);
  });

  it('rescores every pair at once and pushes the change to an open record page', async () => {
    // Bob (800, South) affords flat two but wants the south: 60, a match at 50.
    expect(await matchesOf(ids.bob!)).toEqual([{ label: 'Flat two', score: 60 }]);
    expect(await matchesOf(ids.ann!)).toEqual([
      { label: 'Flat one', score: 100 },
      { label: 'Flat two', score: 100 },
    ]);
    const { client } = newSocketClient(server, {
      cookie: owner.client.cookie,
      workspaceId: owner.workspaceId,
    });
    sockets.push(client);
    const live = collect<{
      matchesChanged: { recordId: string; matches: { label: string; score: number }[] };
    }>(
      client,
      `subscription ($id: ID!) { matchesChanged(object: "renter", id: $id) { recordId matches { label score } } }`,
      { id: ids.bob },
    );
    // Open once a change made after subscribing arrives: Bob's areas toggled until one does,
    // then set back (his pair at 60 again) before the edit.
    let toggle = 0;
    await eventually(async () => {
      toggle += 1;
      await owner.client.data(
        `mutation ($id: ID!, $areas: String) { updateRenter(id: $id, input: { areas: $areas }) { id } }`,
        {
          id: ids.bob,
          areas: toggle % 2 ? 'South, North' : 'South',
        },
      );
      return live.results.length > 0;
    }, 60_000);
    await owner.client.data(
      `mutation ($id: ID!) { updateRenter(id: $id, input: { areas: "South" }) { id } }`,
      {
        id: ids.bob,
      },
    );
    await eventually(
      async () =>
        JSON.stringify(await matchesOf(ids.bob!)) === JSON.stringify([{ label: 'Flat two', score: 60 }]),
    );
    await eventually(() => live.results.at(-1)?.data?.matchesChanged.matches.at(0)?.score === 60, 60_000);
    live.results.length = 0;

    // The area becomes required and rooms are added: Bob's only pair fails the area, so it goes;
    // Ann's fit (she states no rooms: no preference).
    const { updateMatchDefinition: saved } = await owner.client.data(update, {
      key: 'rentersFlats',
      input: { name: 'Renters ↔ flats', criteria: [rent, { ...area, required: true }, rooms] },
    });
    expect(saved).toMatchObject({ name: 'Renters ↔ flats', minScore: 50, problem: null });
    expect(saved.criteria.map((c: Criterion) => [c.key, c.required])).toEqual([
      ['rent', false],
      ['area', true],
      ['rooms', false],
    ]);
    expect(await matchesOf(ids.bob!)).toEqual([]);
    expect(await matchesOf(ids.ann!)).toEqual([
      { label: 'Flat one', score: 100 },
      { label: 'Flat two', score: 100 },
    ]);
    await eventually(() =>
      live.results.some(
        (r) => r.data?.matchesChanged.recordId === ids.bob && r.data?.matchesChanged.matches.length === 0,
      ),
    );

    // Removing a criterion and lowering the bar rescored too: rent alone at 60 %.
    await owner.client.data(update, {
      key: 'rentersFlats',
      input: {
        minScore: 60,
        criteria: [
          { ...rent, weight: 3 },
          { ...area, weight: 2 },
        ],
      },
    });
    expect(await matchesOf(ids.bob!)).toEqual([{ label: 'Flat two', score: 60 }]);
    await eventually(() =>
      live.results.some((r) =>
        r.data?.matchesChanged.matches.some((m) => m.label === 'Flat two' && m.score === 60),
      ),
    );
    live.stop();
  });

  it('rescores a change with the definition an edit in flight commits, not the one before', async () => {
    const db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
    const pairs = async () =>
      (
        await db.query<{ candidate_id: string; score: number }>(
          `select candidate_id, score from match_pair
           where workspace_id = $1 and seeker_id = $2 and active order by score`,
          [owner.workspaceId, ids.bob],
        )
      ).rows;
    try {
      // Bob wants the north: flat two fits both criteria (100), flat one only the area (40 %),
      // under the bar of 60.
      await owner.client.data(
        `mutation ($id: ID!) { updateRenter(id: $id, input: { areas: "North" }) { id } }`,
        { id: ids.bob },
      );
      await eventually(
        async () => JSON.stringify(await pairs()) === JSON.stringify([{ candidate_id: ids.f2, score: 100 }]),
        60_000,
      );
      // An admin's definition edit begins (it holds the workspace row), then Bob changes: the
      // matching consumer takes the change and waits for the older transaction to end.
      await db.query('begin');
      await db.query('select 1 from workspace where id = $1 for update', [owner.workspaceId]);
      await owner.client.data(
        `mutation ($id: ID!) { updateRenter(id: $id, input: { name: "Bob North" }) { id } }`,
        { id: ids.bob },
      );
      await eventually(async () => {
        const { rows } = await db.query(
          `select 1 from graphile_worker._private_jobs where key = $1 and locked_at is not null`,
          [`consumer:matching:${owner.workspaceId}`],
        );
        return rows.length > 0;
      }, 60_000);
      // The edit lowers the bar to 30 and commits; the consumer acts with the definition it saved.
      await db.query(
        `update match_definition set definition = jsonb_set(definition, '{minScore}', '30')
         where workspace_id = $1 and key = 'rentersFlats'`,
        [owner.workspaceId],
      );
      await db.query('update workspace set metadata_version = metadata_version + 1 where id = $1', [
        owner.workspaceId,
      ]);
      await db.query('commit');
      await eventually(async () => (await pairs()).length === 2, 60_000);
      expect(await pairs()).toEqual([
        { candidate_id: ids.f1, score: 40 },
        { candidate_id: ids.f2, score: 100 },
      ]);
    } finally {
      await db.end();
    }
  });
});
