import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, type SignedUpUser } from '../support/client.js';
import { useServer } from '../support/server.js';
import { copyShippedTemplate, publishUntranslated, shippedTemplateVersion } from '../support/templates.js';

// Issue 22, the car dealer's VINs: the vehicle's VIN field (TEXT of format VIN) refuses an
// invalid VIN with the reason, fills make and year from a valid one when they are empty, in
// the same write; decodeVin answers forms; and an install of the published version 7 upgrades
// to the VIN format keeping the admin's own label.

const fixtures = fileURLToPath(new URL('../fixtures/templates/', import.meta.url));
let templatesDir: string;

/** Serves the car dealer as shipped, or as its published version 7. */
async function publish(from: 'shipped' | 'v7'): Promise<void> {
  await copyShippedTemplate('car-dealer', templatesDir);
  if (from === 'v7')
    await publishUntranslated(
      templatesDir,
      'car-dealer',
      await readFile(path.join(fixtures, 'car-dealer-v7.yaml'), 'utf8'),
    );
}

beforeAll(async () => {
  templatesDir = await mkdtemp(path.join(os.tmpdir(), 'crm-car-dealer-vin-'));
  await publish('shipped');
});
afterAll(() => rm(templatesDir, { recursive: true, force: true }));
const server = useServer(() => ({ TEMPLATES_DIR: templatesDir }));
/** Installs and upgrades on a busy machine. */
const slow = 180_000;

const vehicleFields = 'id vin make year version';
interface Vehicle {
  id: string;
  vin: string | null;
  make: string | null;
  year: number | null;
  version: number;
}

async function install(user: SignedUpUser, withSampleData = false): Promise<number> {
  const { installTemplate } = await user.client.data<{ installTemplate: { toVersion: number } }>(
    `mutation ($s: Boolean!) { installTemplate(key: "car-dealer", withSampleData: $s) { toVersion } }`,
    { s: withSampleData },
  );
  return installTemplate.toVersion;
}

async function createVehicle(user: SignedUpUser, input: Record<string, unknown>) {
  return user.client.request<{ createVehicle: Vehicle }>(
    `mutation ($input: VehicleCreateInput!) { createVehicle(input: $input) { ${vehicleFields} } }`,
    { input },
  );
}

async function updateVehicle(user: SignedUpUser, id: string, input: Record<string, unknown>) {
  return user.client.request<{ updateVehicle: Vehicle }>(
    `mutation ($id: ID!, $input: VehicleUpdateInput!) { updateVehicle(id: $id, input: $input) { ${vehicleFields} } }`,
    { id, input },
  );
}

async function vehicleCount(user: SignedUpUser): Promise<number> {
  const { vehicles } = await user.client.data<{ vehicles: { totalCount: number } }>(
    `{ vehicles { totalCount } }`,
  );
  return vehicles.totalCount;
}

describe('the car dealer’s VIN field', () => {
  it(
    'fills make and year from a valid VIN when they are empty, keeping values given or held',
    async () => {
      const dealer = await newUser(server);
      expect(await install(dealer, true)).toBe(shippedTemplateVersion('car-dealer'));
      // The sample F-150 names no make or year: its VIN gave them on install.
      const { vehicles } = await dealer.client.data<{ vehicles: { nodes: Vehicle[] } }>(
        `{ vehicles(filter: { stockNumber: { eq: "U0877" } }) { nodes { ${vehicleFields} } } }`,
      );
      expect(vehicles.nodes[0]).toMatchObject({ vin: '1FTEW1EP1KF345678', make: 'Ford', year: 2019 });

      const created = await createVehicle(dealer, { name: 'Accord', vin: ' 1hgcm82633a004352 ', make: '' });
      expect(created.body.errors).toBeUndefined();
      expect(created.body.data!.createVehicle).toMatchObject({
        vin: '1HGCM82633A004352',
        make: 'Honda',
        year: 2003,
        version: 1,
      });

      // A make the write gives wins over the table; the year is still filled.
      const kept = await createVehicle(dealer, {
        name: 'RDX',
        vin: '19UCM82633A004352',
        make: 'Acura (import)',
      });
      expect(kept.body.data!.createVehicle).toMatchObject({ make: 'Acura (import)', year: 2003 });

      // An update that sets a VIN fills the empty fields, in the same version…
      const bare = (await createVehicle(dealer, { name: 'Unknown car' })).body.data!.createVehicle;
      expect(bare).toMatchObject({ make: null, year: null, version: 1 });
      const filled = await updateVehicle(dealer, bare.id, { vin: '1FTEW1EP3KF345679' });
      expect(filled.body.data!.updateVehicle).toMatchObject({ make: 'Ford', year: 2019, version: 2 });
      // … and a later VIN leaves the values the record holds as they are.
      const changed = await updateVehicle(dealer, bare.id, { vin: '1HGCM82653A004353' });
      expect(changed.body.data!.updateVehicle).toMatchObject({
        vin: '1HGCM82653A004353',
        make: 'Ford',
        year: 2019,
        version: 3,
      });
    },
    slow,
  );

  it(
    'refuses an invalid VIN with BAD_USER_INPUT naming the field and the reason, writing nothing',
    async () => {
      const dealer = await newUser(server);
      await install(dealer);
      const cases: [string, string][] = [
        ['1HGCM82633A00435', 'a VIN has 17 characters; this one has 16.'],
        ['1HGCM82633A0O4352', 'position 13 holds "O", which a VIN cannot contain'],
        ['1HGCM82643A004352', 'check digit mismatch: position 9 is "4" but the other characters give "3".'],
      ];
      for (const [vin, reason] of cases) {
        const refused = await createVehicle(dealer, { name: 'Bad', vin });
        expect(refused.body.errors?.[0]?.extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          field: 'vin',
          argumentPath: ['input', 'vin'],
        });
        expect(refused.body.errors?.[0]?.message).toContain(`vin: not a valid VIN: ${reason}`);
      }
      expect(await vehicleCount(dealer)).toBe(0);
      // A European VIN has no check digit to verify: accepted, its make and year decoded.
      const vw = await createVehicle(dealer, { name: 'Golf', vin: 'WVWZZZ1JZ3W386752' });
      expect(vw.body.data!.createVehicle).toMatchObject({ make: 'Volkswagen', year: 2003 });
    },
    slow,
  );

  it('decodeVin answers forms without saving: make, year and the reason for an invalid one', async () => {
    const dealer = await newUser(server);
    await install(dealer);
    const decode = (vin: string) =>
      dealer.client.data<{ decodeVin: Record<string, unknown> }>(
        `query ($vin: String!) { decodeVin(vin: $vin) { vin valid reason wmi northAmerican make modelYear } }`,
        { vin },
      );
    expect((await decode('5yj3e1eb7rf234567')).decodeVin).toEqual({
      vin: '5YJ3E1EB7RF234567',
      valid: true,
      reason: null,
      wmi: '5YJ',
      northAmerican: true,
      make: 'Tesla',
      modelYear: 2024,
    });
    expect((await decode('5YJ3E1EB8RF234567')).decodeVin).toMatchObject({
      valid: false,
      reason: 'check digit mismatch: position 9 is "8" but the other characters give "7".',
      make: null,
    });
    expect(await vehicleCount(dealer)).toBe(0);
  });

  it(
    'comes to an install of version 7 by upgrade, keeping the admin’s label of the field',
    async () => {
      const dealer = await newUser(server);
      await publish('v7');
      try {
        expect(await install(dealer, true)).toBe(7);
      } finally {
        await publish('shipped');
      }
      const { object: before } = await dealer.client.data(`{ object(key: "vehicle") { fields { id key } } }`);
      const vinId = before.fields.find((f: { key: string }) => f.key === 'vin').id;
      await dealer.client.data(
        `mutation ($id: ID!) { updateField(id: $id, input: { label: "Chassis no." }) { key } }`,
        { id: vinId },
      );
      // Version 7 took any text: the sample's made-up VINs are there.
      expect(
        (await createVehicle(dealer, { name: 'Old way', vin: 'NOT-A-VIN' })).body.errors,
      ).toBeUndefined();

      expect(await install(dealer)).toBe(shippedTemplateVersion('car-dealer'));
      // Upgraded, the plan has nothing left to do: the three-way merge settles.
      const { templatePlan } = await dealer.client.data(
        `{ templatePlan(key: "car-dealer") { upToDate steps { target } } }`,
      );
      expect(templatePlan).toEqual({ upToDate: true, steps: [] });
      const { object } = await dealer.client.data(
        `{ object(key: "vehicle") { fields { key label settings { format fills { make modelYear } } } } }`,
      );
      const vin = object.fields.find((f: { key: string }) => f.key === 'vin');
      expect(vin).toEqual({
        key: 'vin',
        label: 'Chassis no.',
        settings: { format: 'VIN', fills: { make: 'make', modelYear: 'year' } },
      });
      const refused = await createVehicle(dealer, { name: 'New way', vin: 'NOT-A-VIN' });
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'vin' });
      const filled = await createVehicle(dealer, { name: 'New way', vin: '1HGCM82633A004352' });
      expect(filled.body.data!.createVehicle).toMatchObject({ make: 'Honda', year: 2003 });
      // The stored values of version 7 stay as they were; only new writes of a VIN are checked.
      const { vehicles } = await dealer.client.data<{ vehicles: { nodes: Vehicle[] } }>(
        `{ vehicles(filter: { name: { eq: "Old way" } }) { nodes { ${vehicleFields} } } }`,
      );
      expect(vehicles.nodes[0]?.vin).toBe('NOT-A-VIN');
      expect(
        (await updateVehicle(dealer, vehicles.nodes[0]!.id, { mileage: 10 })).body.errors,
      ).toBeUndefined();
    },
    slow,
  );
});
