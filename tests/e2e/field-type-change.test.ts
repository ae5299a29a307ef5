import { describe, expect, it } from 'vitest';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import { query } from '../support/database.js';
import {
  changeLog,
  defineObject,
  errorOf,
  expectBadInput,
  expectCode,
  schemaOf,
  type DefinedObject,
} from '../support/records.js';
import { useServer } from '../support/server.js';

// Changing a field after records exist: a type change with and without values that fail
// to convert, relabelling, making a field unique, and purging an archived field.

const server = useServer();

interface Workspace {
  admin: SignedUpUser;
  unit: DefinedObject;
  ids: string[];
}

/** A `unit` object with a text `size` and a text `code`, and one record per size given. */
async function newWorkspace(sizes: (string | null)[], codes: (string | null)[] = []): Promise<Workspace> {
  const admin = await newUser(server);
  const unit = await defineObject(
    admin.client,
    { key: 'unit', labelSingular: 'Unit', labelPlural: 'Units' },
    [
      { key: 'size', label: 'Size', type: 'TEXT' },
      { key: 'code', label: 'Code', type: 'TEXT' },
    ],
  );
  const { createUnits } = await admin.client.data(
    `mutation ($inputs: [UnitCreateInput!]!) { createUnits(inputs: $inputs) { id } }`,
    { inputs: sizes.map((size, i) => ({ name: `Unit ${i}`, size, code: codes[i] ?? null })) },
  );
  return { admin, unit, ids: createUnits.map((u: { id: string }) => u.id) };
}

const plan = `query ($id: ID!, $type: FieldType!, $settings: FieldSettingsInput) {
  fieldTypeChangePlan(id: $id, type: $type, settings: $settings) { applied converted failed failedExamples field { key type } }
}`;
const change = `mutation ($id: ID!, $type: FieldType!, $settings: FieldSettingsInput, $force: Boolean!) {
  changeFieldType(id: $id, type: $type, settings: $settings, force: $force) { applied converted failed failedExamples field { id key type } }
}`;

async function sizes(ws: Workspace): Promise<unknown[]> {
  const { units } = await ws.admin.client.data(
    `query { units(sort: [{field: name}], first: 100) { nodes { size } } }`,
  );
  return units.nodes.map((n: { size: unknown }) => n.size);
}

async function fieldOf(ws: Workspace, key: string) {
  const { object } = await ws.admin.client.data(
    `query { object(key: "unit") { fields { id key label type unique } archivedFields { id key } } }`,
  );
  return object.fields.find((f: { key: string }) => f.key === key);
}

async function columns(ws: Workspace): Promise<string[]> {
  const rows = await query<{ column_name: string }>(
    server.databaseUrl,
    `select column_name from information_schema.columns where table_schema = $1 and table_name = $2 order by column_name`,
    [schemaOf(ws.admin.workspaceId), `o_${ws.unit.id.replace(/-/g, '')}`],
  );
  return rows.map((r) => r.column_name);
}

describe('changing text to number', () => {
  it('when every value converts: applied, values typed, filterable and sortable as numbers', async () => {
    const ws = await newWorkspace(['3', '4.5', '1,234', ' 12 ', null]);
    const id = ws.unit.fields.size!;

    const { fieldTypeChangePlan } = await ws.admin.client.data(plan, { id, type: 'NUMBER' });
    expect(fieldTypeChangePlan).toEqual({
      applied: false,
      converted: 4,
      failed: 0,
      failedExamples: [],
      field: { key: 'size', type: 'NUMBER' },
    });
    expect((await fieldOf(ws, 'size')).type).toBe('TEXT');

    const { changeFieldType } = await ws.admin.client.data(change, { id, type: 'NUMBER', force: false });
    expect(changeFieldType).toEqual({
      applied: true,
      converted: 4,
      failed: 0,
      failedExamples: [],
      field: { id, key: 'size', type: 'NUMBER' },
    });

    // The very next requests see a number: typed output, numeric filters and order.
    expect(await sizes(ws)).toEqual([3, 4.5, 1234, 12, null]);
    const { __type } = await ws.admin.client.data(
      `query { __type(name: "Unit") { fields { name type { name } } } }`,
    );
    expect(__type.fields.find((f: { name: string }) => f.name === 'size').type.name).toBe('Float');
    const { units } = await ws.admin.client.data(
      `query { units(filter: {size: {gte: 4}}, sort: [{field: size, direction: DESC}]) { nodes { size } } }`,
    );
    expect(units.nodes).toEqual([{ size: 1234 }, { size: 12 }, { size: 4.5 }]);
    expectBadInput(
      await ws.admin.client.request(
        `mutation ($input: UnitCreateInput!) { createUnit(input: $input) { id } }`,
        {
          input: { size: 'five' },
        },
      ),
      ['input', 'size'],
    );
    expect(
      (await changeLog(server.databaseUrl, ws.admin.workspaceId)).filter((c) => c.kind === 'convert'),
    ).toEqual([]);
  });

  it('with values that fail: reported by the plan, refused without force, applied with it and kept in the change log', async () => {
    const ws = await newWorkspace(['3', 'three', 'about 5', '7', null]);
    const id = ws.unit.fields.size!;
    const [, three, about5] = ws.ids;

    const { fieldTypeChangePlan } = await ws.admin.client.data(plan, { id, type: 'NUMBER' });
    expect(fieldTypeChangePlan).toMatchObject({ applied: false, converted: 2, failed: 2 });
    expect(fieldTypeChangePlan.failedExamples.join(' ')).toContain('three');
    expect(fieldTypeChangePlan.failedExamples.join(' ')).toContain('about 5');
    expect(fieldTypeChangePlan.failedExamples).toHaveLength(2);

    const columnsBefore = await columns(ws);
    const refused = await ws.admin.client.request(change, { id, type: 'NUMBER', force: false });
    expectBadInput(refused, ['force']);
    expect(errorOf(refused).message).toMatch(/^2 values/);
    expect((await fieldOf(ws, 'size')).type).toBe('TEXT');
    expect(await sizes(ws)).toEqual(['3', 'three', 'about 5', '7', null]);
    expect(await columns(ws)).toEqual(columnsBefore);
    expect(
      (await changeLog(server.databaseUrl, ws.admin.workspaceId)).filter((c) => c.kind === 'convert'),
    ).toEqual([]);

    const { changeFieldType } = await ws.admin.client.data(change, { id, type: 'NUMBER', force: true });
    expect(changeFieldType).toMatchObject({
      applied: true,
      converted: 2,
      failed: 2,
      field: { type: 'NUMBER' },
    });
    expect(await sizes(ws)).toEqual([3, null, null, 7, null]);

    const converts = (await changeLog(server.databaseUrl, ws.admin.workspaceId)).filter(
      (c) => c.kind === 'convert',
    );
    expect(
      converts.map((c) => ({
        record: c.record_id,
        actor: c.actor_id,
        changes: c.changes,
        object: c.object_id,
      })),
    ).toEqual(
      expect.arrayContaining([
        { record: three, actor: ws.admin.userId, changes: { size: ['three', null] }, object: ws.unit.id },
        { record: about5, actor: ws.admin.userId, changes: { size: ['about 5', null] }, object: ws.unit.id },
      ]),
    );
    expect(converts).toHaveLength(2);
    const { units } = await ws.admin.client.data(
      `query { units(filter: {size: {gte: 5}}) { nodes { size } } }`,
    );
    expect(units.nodes).toEqual([{ size: 7 }]);
    // What is no longer text is no longer searched.
    const searched = await ws.admin.client.data(`query { units(search: "three") { totalCount } }`);
    expect(searched.units.totalCount).toBe(0);
  });

  it('is for admins only and refuses a relation or the same type', async () => {
    const ws = await newWorkspace(['1']);
    const id = ws.unit.fields.size!;
    const member = await newMember(server, ws.admin, 'MEMBER');
    expectCode(await member.client.request(plan, { id, type: 'NUMBER' }), 'FORBIDDEN');
    expectCode(await member.client.request(change, { id, type: 'NUMBER', force: true }), 'FORBIDDEN');
    expect((await fieldOf(ws, 'size')).type).toBe('TEXT');
    expectBadInput(await ws.admin.client.request(change, { id, type: 'TEXT', force: false }), ['type']);
    expectBadInput(await ws.admin.client.request(change, { id, type: 'USER', force: true }), ['type']);
    expectCode(
      await ws.admin.client.request(change, {
        id: '5b0b6b7e-0000-4000-8000-000000000001',
        type: 'NUMBER',
        force: false,
      }),
      'NOT_FOUND',
    );
  });
});

describe('other type changes convert through the new type’s rules', () => {
  it('text to select matches option keys and labels, case-insensitively', async () => {
    const ws = await newWorkspace(['Small', 'LARGE', 'medium ', 'huge']);
    const settings = {
      choices: [
        { key: 'small', label: 'Small' },
        { key: 'medium', label: 'Medium' },
        { key: 'large', label: 'Large' },
      ],
    };
    const id = ws.unit.fields.size!;
    const { fieldTypeChangePlan } = await ws.admin.client.data(plan, { id, type: 'SELECT', settings });
    expect(fieldTypeChangePlan).toMatchObject({ converted: 3, failed: 1, failedExamples: ['"huge"'] });
    await ws.admin.client.data(change, { id, type: 'SELECT', settings, force: true });
    expect(await sizes(ws)).toEqual(['small', 'large', 'medium', null]);
    const { units } = await ws.admin.client.data(
      `query { units(filter: {size: {in: ["small", "large"]}}) { totalCount } }`,
    );
    expect(units.totalCount).toBe(2);
  });
});

describe('relabelling', () => {
  it('changes the label and the description while the API key stays', async () => {
    const ws = await newWorkspace(['10']);
    const id = ws.unit.fields.size!;
    const { updateField } = await ws.admin.client.data(
      `mutation ($id: ID!) { updateField(id: $id, input: {label: "Floor area", helpText: "In square metres"}) { key label } }`,
      { id },
    );
    expect(updateField).toEqual({ key: 'size', label: 'Floor area' });
    await ws.admin.client.data(
      `mutation { updateObject(object: "unit", input: {labelSingular: "Flat", labelPlural: "Flats"}) { key } }`,
    );

    expect(await sizes(ws)).toEqual(['10']);
    const { __type } = await ws.admin.client.data(
      `query { __type(name: "Unit") { fields { name description } } }`,
    );
    expect(__type.fields.find((f: { name: string }) => f.name === 'size')).toEqual({
      name: 'size',
      description: 'Floor area: In square metres',
    });
    expect(await fieldOf(ws, 'size')).toMatchObject({ id, key: 'size', label: 'Floor area' });
    const { object } = await ws.admin.client.data(
      `query { object(key: "unit") { key typeName labelSingular } }`,
    );
    expect(object).toEqual({ key: 'unit', typeName: 'Unit', labelSingular: 'Flat' });
  });
});

describe('making a field unique', () => {
  it('is refused while duplicates exist, naming how many values repeat, and works once they are gone', async () => {
    const ws = await newWorkspace(['a', 'b', 'c', 'd', 'e', 'f'], ['A', 'A', 'B', 'B', 'B', 'C']);
    const id = ws.unit.fields.code!;
    const makeUnique = `mutation ($id: ID!) { updateField(id: $id, input: {unique: true}) { unique } }`;

    const refused = await ws.admin.client.request(makeUnique, { id });
    expectBadInput(refused, ['input', 'unique']);
    expect(errorOf(refused).message).toMatch(/^2 values of “Code” are used by more than one record/);
    expect((await fieldOf(ws, 'code')).unique).toBe(false);
    const another = await ws.admin.client.data(`mutation { createUnit(input: {code: "C"}) { id } }`);

    // Remove the duplicates (a deleted record does not count), then it applies.
    const rename = `mutation ($id: ID!, $code: String) { updateUnit(id: $id, input: {code: $code}) { id } }`;
    await ws.admin.client.data(rename, { id: ws.ids[1], code: 'A2' });
    await ws.admin.client.data(rename, { id: ws.ids[3], code: 'B2' });
    await ws.admin.client.data(`mutation ($id: ID!) { deleteUnit(id: $id) { id } }`, { id: ws.ids[4] });
    await ws.admin.client.data(`mutation ($id: ID!) { deleteUnit(id: $id) { id } }`, {
      id: another.createUnit.id,
    });
    const { updateField } = await ws.admin.client.data(makeUnique, { id });
    expect(updateField).toEqual({ unique: true });

    expectBadInput(await ws.admin.client.request(`mutation { createUnit(input: {code: "A"}) { id } }`), [
      'input',
      'code',
    ]);
    // Restoring a deleted duplicate would break the rule: a conflict.
    expectCode(
      await ws.admin.client.request(`mutation ($id: ID!) { restoreUnit(id: $id) { id } }`, { id: ws.ids[4] }),
      'CONFLICT',
    );
  });
});

describe('purging', () => {
  it('drops an archived field’s column for good; the key can then start afresh', async () => {
    const ws = await newWorkspace(['5', '6']);
    const id = ws.unit.fields.size!;
    const column = `f_${id.replace(/-/g, '')}`;
    expect(await columns(ws)).toContain(column);

    expectCode(
      await ws.admin.client.request(`mutation ($id: ID!) { purgeField(id: $id) }`, { id }),
      'CONFLICT',
    );
    expect(await columns(ws)).toContain(column);

    await ws.admin.client.data(`mutation ($id: ID!) { archiveField(id: $id) { id } }`, { id });
    expect(await columns(ws)).toContain(column);
    const { purgeField } = await ws.admin.client.data(`mutation ($id: ID!) { purgeField(id: $id) }`, { id });
    expect(purgeField).toBe(true);
    expect(await columns(ws)).not.toContain(column);
    const { object } = await ws.admin.client.data(
      `query { object(key: "unit") { fields { key } archivedFields { key } } }`,
    );
    expect([...object.fields, ...object.archivedFields].map((f: { key: string }) => f.key)).not.toContain(
      'size',
    );
    expectCode(
      await ws.admin.client.request(`mutation ($id: ID!) { restoreField(id: $id) { id } }`, { id }),
      'NOT_FOUND',
    );

    await ws.admin.client.data(
      `mutation { createField(input: {object: "unit", key: "size", label: "Size", type: NUMBER}) { id } }`,
    );
    expect(await sizes(ws)).toEqual([null, null]);
  });
});
