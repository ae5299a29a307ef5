import { describe, expect, it } from 'vitest';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import { query } from '../support/database.js';
import { useServer } from '../support/server.js';

// Pipelines on the standard deal object: stage rules, stage history, board moves, stage removal, forecast.

const server = useServer();

const createDeal = /* GraphQL */ `
  mutation ($input: DealCreateInput!) {
    createDeal(input: $input) {
      id
      stage
      version
    }
  }
`;
const move = /* GraphQL */ `
  mutation ($input: MoveRecordInput!) {
    moveRecord(input: $input) {
      id
      stage
      rank
      version
      warnings
    }
  }
`;
const board = /* GraphQL */ `
  query ($first: Int) {
    board(object: "deal", first: $first) {
      field
      sumField
      pipeline {
        key
        stages {
          key
        }
      }
      columns {
        stage {
          key
          probability
        }
        count
        sum
        weightedSum
        overLimit
        hasMore
        records
      }
    }
  }
`;

async function deal(user: SignedUpUser, input: Record<string, unknown>): Promise<string> {
  const data = await user.client.data<{ createDeal: { id: string } }>(createDeal, { input });
  return data.createDeal.id;
}

async function columnOrder(user: SignedUpUser, stage: string): Promise<string[]> {
  const data = await user.client.data<{
    board: { columns: { stage: { key: string }; records: { id: string }[] }[] };
  }>(board, {
    first: 200,
  });
  return data.board.columns.find((c) => c.stage.key === stage)!.records.map((r) => r.id);
}

describe('the default sales pipeline', () => {
  it('is a stage field with stages, probabilities and kinds', async () => {
    const owner = await newUser(server);
    const { object } = await owner.client.data(
      `query { object(key: "deal") { fields { key type settings { pipelines { key stages { key probability kind } } } } } }`,
    );
    const stage = object.fields.find((f: { key: string }) => f.key === 'stage');
    expect(stage.type).toBe('STAGE');
    expect(stage.settings.pipelines[0].stages).toEqual([
      { key: 'lead', probability: 10, kind: 'OPEN' },
      { key: 'qualified', probability: 25, kind: 'OPEN' },
      { key: 'proposal', probability: 50, kind: 'OPEN' },
      { key: 'negotiation', probability: 75, kind: 'OPEN' },
      { key: 'won', probability: 100, kind: 'WON' },
      { key: 'lost', probability: 0, kind: 'LOST' },
    ]);
  });
});

describe('board moves', () => {
  it('orders cards by their fractional rank and two concurrent moves converge on one order', async () => {
    const owner = await newUser(server);
    const other = await newMember(server, owner, 'MEMBER');
    const ids: string[] = [];
    for (const name of ['A', 'B', 'C', 'D']) ids.push(await deal(owner, { name, stage: 'qualified' }));
    const [a, b, c, d] = ids as [string, string, string, string];
    // Both drop a card between A and B at the same moment.
    await Promise.all([
      owner.client.data(move, {
        input: { object: 'deal', id: c, stage: 'qualified', afterId: a, beforeId: b },
      }),
      other.client.data(move, {
        input: { object: 'deal', id: d, stage: 'qualified', afterId: a, beforeId: b },
      }),
    ]);
    const seenByOwner = await columnOrder(owner, 'qualified');
    const seenByOther = await columnOrder(other, 'qualified');
    expect(seenByOwner).toEqual(seenByOther);
    expect(seenByOwner[0]).toBe(a);
    expect(seenByOwner.at(-1)).toBe(b);
    expect(new Set(seenByOwner.slice(1, 3))).toEqual(new Set([c, d]));
    // A move to the top of another column, and one to its end.
    await owner.client.data(move, { input: { object: 'deal', id: b, stage: 'proposal' } });
    await owner.client.data(move, { input: { object: 'deal', id: a, stage: 'proposal', beforeId: b } });
    expect(await columnOrder(owner, 'proposal')).toEqual([a, b]);
    const ranks = await query<{ rank: string }>(
      server.databaseUrl,
      `select rank from ws_${owner.workspaceId.replace(/-/g, '')}.o_${(await objectId(owner, 'deal')).replace(/-/g, '')} where rank is not null`,
    );
    expect(ranks.length).toBe(4);
  });

  it('pages a long column with boardCards after the last card shown, in board order', async () => {
    const owner = await newUser(server);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await deal(owner, { name: `Deal ${i}`, stage: 'qualified' }));
    // Ranked cards come before never-moved ones: move the last one to the top.
    await owner.client.data(move, {
      input: { object: 'deal', id: ids[6], stage: 'qualified', beforeId: ids[0] },
    });
    const whole = await columnOrder(owner, 'qualified');
    expect(whole[0]).toBe(ids[6]);
    expect(new Set(whole)).toEqual(new Set(ids));

    const { board: first } = await owner.client.data(board, { first: 3 });
    const column = first.columns.find((c: { stage: { key: string } }) => c.stage.key === 'qualified');
    expect(column).toMatchObject({ count: 7, hasMore: true });
    const shown: string[] = column.records.map((r: { id: string }) => r.id);
    const more = `query ($after: ID) {
      boardCards(object: "deal", stage: "qualified", after: $after, first: 3) { hasMore records }
    }`;
    for (const expectMore of [true, false]) {
      const { boardCards } = await owner.client.data(more, { after: shown.at(-1) });
      expect(boardCards.hasMore).toBe(expectMore);
      shown.push(...boardCards.records.map((r: { id: string }) => r.id));
    }
    expect(shown).toEqual(whole);

    const badAfter = await owner.client.request(more, { after: 'not-an-id' });
    expect(badAfter.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentPath: ['after'],
    });
    const badStage = await owner.client.request(
      `query { boardCards(object: "deal", stage: "nowhere") { hasMore } }`,
    );
    expect(badStage.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentPath: ['stage'],
    });
  });

  it('shows records without a stage apart (a pipeline added to an object with records) until moved in', async () => {
    const owner = await newUser(server);
    // One at a time: records created together share their creation time.
    const ids: string[] = [];
    for (const name of ['Older', 'Newer']) {
      const { createCompany } = await owner.client.data(
        `mutation ($name: String!) { createCompany(input: { name: $name }) { id } }`,
        { name },
      );
      ids.push(createCompany.id);
    }
    await owner.client.data(`mutation {
      createPipeline(input: { object: "company", pipeline: { key: "accounts", label: "Accounts", stages: [
        { key: "prospect", label: "Prospect" }, { key: "customer", label: "Customer", kind: WON }
      ] } }) { key }
    }`);
    const companyBoard = `query { board(object: "company") {
      unstaged { count hasMore records } columns { stage { key } count }
    } }`;
    const before = (await owner.client.data(companyBoard)).board;
    expect(before.unstaged).toMatchObject({ count: 2, hasMore: false });
    expect(before.unstaged.records.map((r: { name: string }) => r.name)).toEqual(['Older', 'Newer']);
    expect(before.columns.map((c: { count: number }) => c.count)).toEqual([0, 0]);

    await owner.client.data(move, {
      input: { object: 'company', id: ids[0], stage: 'prospect' },
    });
    const after = (await owner.client.data(companyBoard)).board;
    expect(after.unstaged.count).toBe(1);
    expect(after.unstaged.records.map((r: { name: string }) => r.name)).toEqual(['Newer']);
    expect(after.columns.map((c: { count: number }) => c.count)).toEqual([1, 0]);
  });

  it('refuses a move into a stage whose required fields are empty, naming them, and moves nothing', async () => {
    const owner = await newUser(server);
    await owner.client.data(
      `mutation { updateStage(object: "deal", stage: "proposal", input: { requiredFields: ["amount", "closeDate"] }) { key } }`,
    );
    const id = await deal(owner, { name: 'Needs details', stage: 'qualified' });
    const refused = await owner.client.request(move, { input: { object: 'deal', id, stage: 'proposal' } });
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      missingFields: ['amount', 'closeDate'],
    });
    expect(refused.body.errors?.[0]?.message).toContain('Amount');
    const after = await owner.client.data(`query ($id: ID!) { deal(id: $id) { stage version } }`, { id });
    expect(after.deal).toEqual({ stage: 'qualified', version: 1 });
    // The same rule holds for a plain update, and the move succeeds once the fields are filled.
    const update = await owner.client.request(
      `mutation ($id: ID!) { updateDeal(id: $id, input: { stage: "proposal" }) { id } }`,
      { id },
    );
    expect(update.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await owner.client.data(
      `mutation ($id: ID!) { updateDeal(id: $id, input: { amount: { amount: 1000, currency: "EUR" }, closeDate: "2027-01-31" }) { id } }`,
      { id },
    );
    const moved = await owner.client.data(move, { input: { object: 'deal', id, stage: 'proposal' } });
    expect(moved.moveRecord.stage).toBe('proposal');
  });

  it('flags a column over its limit without refusing the move', async () => {
    const owner = await newUser(server);
    await owner.client.data(
      `mutation { updateStage(object: "deal", stage: "negotiation", input: { wipLimit: 1 }) { key } }`,
    );
    const first = await deal(owner, { name: 'One', stage: 'negotiation' });
    const second = await deal(owner, { name: 'Two' });
    const moved = await owner.client.data(move, {
      input: { object: 'deal', id: second, stage: 'negotiation', afterId: first },
    });
    expect(moved.moveRecord.warnings[0]).toMatch(/over its limit of 1/);
    const data = await owner.client.data(board, { first: 10 });
    expect(
      data.board.columns.find((c: { stage: { key: string } }) => c.stage.key === 'negotiation').overLimit,
    ).toBe(true);
  });
});

async function objectId(user: SignedUpUser, key: string): Promise<string> {
  const data = await user.client.data<{ object: { id: string } }>(
    `query ($key: String!) { object(key: $key) { id } }`,
    { key },
  );
  return data.object.id;
}

describe('stage history', () => {
  it('records each stage entered and left; time in stage adds up the visits', async () => {
    const owner = await newUser(server);
    const id = await deal(owner, { name: 'Traveller' });
    for (const stage of ['qualified', 'proposal', 'qualified', 'won']) {
      await owner.client.data(move, { input: { object: 'deal', id, stage } });
    }
    const { stageHistory } = await owner.client.data(
      `query ($id: ID!) { stageHistory(object: "deal", id: $id) { stage enteredAt leftAt seconds } }`,
      { id },
    );
    expect(stageHistory.map((v: { stage: string }) => v.stage)).toEqual([
      'lead',
      'qualified',
      'proposal',
      'qualified',
      'won',
    ]);
    expect(stageHistory.slice(0, -1).every((v: { leftAt: string | null }) => v.leftAt !== null)).toBe(true);
    expect(stageHistory.at(-1).leftAt).toBeNull();
    // Make the durations known: shift the visits into the past by SQL.
    const schema = `ws_${owner.workspaceId.replace(/-/g, '')}`;
    await query(
      server.databaseUrl,
      `update ${schema}.stage_history set entered_at = now() - interval '10 hours', left_at = now() - interval '7 hours' where record_id = $1 and stage = 'lead'`,
      [id],
    );
    await query(
      server.databaseUrl,
      `update ${schema}.stage_history set entered_at = now() - interval '7 hours', left_at = now() - interval '6 hours' where record_id = $1 and stage = 'qualified' and id = (select min(id) from ${schema}.stage_history where record_id = $1 and stage = 'qualified')`,
      [id],
    );
    await query(
      server.databaseUrl,
      `update ${schema}.stage_history set entered_at = now() - interval '6 hours', left_at = now() - interval '4 hours' where record_id = $1 and stage = 'proposal'`,
      [id],
    );
    await query(
      server.databaseUrl,
      `update ${schema}.stage_history set entered_at = now() - interval '4 hours', left_at = now() - interval '1 hour' where record_id = $1 and stage = 'qualified' and id = (select max(id) from ${schema}.stage_history where record_id = $1 and stage = 'qualified')`,
      [id],
    );
    const { timeInStage } = await owner.client.data(
      `query ($id: ID!) { timeInStage(object: "deal", id: $id) { stage seconds visits } }`,
      { id },
    );
    const byStage = Object.fromEntries(
      timeInStage.map((t: { stage: string; seconds: number; visits: number }) => [t.stage, t]),
    );
    expect(byStage.lead).toMatchObject({ seconds: 3 * 3600, visits: 1 });
    expect(byStage.qualified).toMatchObject({ seconds: 4 * 3600, visits: 2 });
    expect(byStage.proposal).toMatchObject({ seconds: 2 * 3600, visits: 1 });
  });
});

describe('removing a stage', () => {
  it('asks where its records go, then moves them there with history and change log', async () => {
    const owner = await newUser(server);
    const ids = [
      await deal(owner, { name: 'X', stage: 'proposal' }),
      await deal(owner, { name: 'Y', stage: 'proposal' }),
    ];
    const refused = await owner.client.request(
      `mutation { removeStage(object: "deal", stage: "proposal") { movedRecords } }`,
    );
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentPath: ['moveRecordsTo'],
      records: 2,
    });
    const { removeStage } = await owner.client.data(
      `mutation { removeStage(object: "deal", stage: "proposal", moveRecordsTo: "negotiation") { movedRecords pipeline { stages { key } } } }`,
    );
    expect(removeStage.movedRecords).toBe(2);
    expect(removeStage.pipeline.stages.map((s: { key: string }) => s.key)).not.toContain('proposal');
    for (const id of ids) {
      const { deal: row } = await owner.client.data(`query ($id: ID!) { deal(id: $id) { stage version } }`, {
        id,
      });
      expect(row).toEqual({ stage: 'negotiation', version: 2 });
      const { stageHistory } = await owner.client.data(
        `query ($id: ID!) { stageHistory(object: "deal", id: $id) { stage } }`,
        { id },
      );
      expect(stageHistory.map((v: { stage: string }) => v.stage)).toEqual(['proposal', 'negotiation']);
    }
    const created = await owner.client.request(createDeal, { input: { name: 'Late', stage: 'proposal' } });
    expect(created.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('only admins change pipelines', async () => {
    const owner = await newUser(server);
    const member = await newMember(server, owner, 'MEMBER');
    const response = await member.client.request(
      `mutation { addStage(object: "deal", pipeline: "sales", input: { key: "demo", label: "Demo" }) { key } }`,
    );
    expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const added = await owner.client.data(
      `mutation { addStage(object: "deal", pipeline: "sales", input: { key: "demo", label: "Demo", probability: 40 }, before: "proposal") { stages { key } } }`,
    );
    expect(added.addStage.stages.map((s: { key: string }) => s.key)).toEqual([
      'lead',
      'qualified',
      'demo',
      'proposal',
      'negotiation',
      'won',
      'lost',
    ]);
  });
});

describe('board totals and forecast', () => {
  it('sums per column and weights by probability, and the forecast matches a hand computation', async () => {
    const owner = await newUser(server);
    const member = await newMember(server, owner, 'MEMBER');
    const rows: [string, number, string, SignedUpUser][] = [
      ['lead', 1000, '2027-01-15', owner],
      ['lead', 3000, '2027-02-10', owner],
      ['qualified', 2000, '2027-01-20', member],
      ['negotiation', 4000, '2027-01-05', owner],
      ['won', 9000, '2027-01-01', owner],
    ];
    for (const [stage, amount, closeDate, by] of rows) {
      await deal(by, { name: `${stage} ${amount}`, stage, amount: { amount, currency: 'USD' }, closeDate });
    }
    const data = await owner.client.data(board, { first: 50 });
    const columns = Object.fromEntries(
      data.board.columns.map((c: { stage: { key: string } }) => [c.stage.key, c]),
    );
    expect(data.board.sumField).toBe('amount');
    expect(columns.lead).toMatchObject({ count: 2, sum: 4000, weightedSum: 400 });
    expect(columns.qualified).toMatchObject({ count: 1, sum: 2000, weightedSum: 500 });
    expect(columns.negotiation).toMatchObject({ count: 1, sum: 4000, weightedSum: 3000 });
    expect(columns.won).toMatchObject({ count: 1, sum: 9000, weightedSum: 9000 });
    expect(columns.lead.records).toHaveLength(2);

    const { forecast } = await owner.client.data(
      `query { forecast(object: "deal") { stage month ownerId count amount weighted } }`,
    );
    // By hand: open stages only; January: lead 1000×10% + qualified 2000×25% + negotiation 4000×75% = 100 + 500 + 3000.
    const january = forecast.filter((r: { month: string }) => r.month === '2027-01');
    expect(january.reduce((sum: number, r: { weighted: number }) => sum + r.weighted, 0)).toBe(3600);
    expect(forecast.find((r: { month: string }) => r.month === '2027-02')).toMatchObject({
      stage: 'lead',
      amount: 3000,
      weighted: 300,
    });
    expect(forecast.find((r: { stage: string }) => r.stage === 'qualified').ownerId).toBe(member.userId);
    expect(forecast.some((r: { stage: string }) => r.stage === 'won')).toBe(false);
  });
});
