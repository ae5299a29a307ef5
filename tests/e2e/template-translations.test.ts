import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, type SignedUpUser } from '../support/client.js';
import { useServer } from '../support/server.js';
import { copyShippedTemplate, installTemplateAs, publishUntranslated } from '../support/templates.js';

// Issue 21, templates in four languages: the car dealer installs with its German labels (object,
// field, help text, choice, pipeline stage on the board, view name) answered to `accept-language:
// de` and its English ones without; an upgrade from the published version without translations
// adds them, keeping a German label the admin set before it (the three-way rule per label).

const fixtures = fileURLToPath(new URL('../fixtures/templates/', import.meta.url));
let templatesDir: string;

/** Serves the car dealer as shipped, or as its published version 8 (no translations folder). */
async function publish(from: 'shipped' | 'untranslated'): Promise<void> {
  const folder = path.join(templatesDir, 'car-dealer');
  await rm(folder, { recursive: true, force: true });
  await copyShippedTemplate('car-dealer', templatesDir);
  if (from === 'untranslated')
    await publishUntranslated(
      templatesDir,
      'car-dealer',
      await readFile(path.join(fixtures, 'car-dealer-v8.yaml'), 'utf8'),
    );
}

beforeAll(async () => {
  templatesDir = await mkdtemp(path.join(os.tmpdir(), 'crm-template-translations-'));
  await publish('shipped');
});
afterAll(() => rm(templatesDir, { recursive: true, force: true }));
const server = useServer(() => ({ TEMPLATES_DIR: templatesDir }));
/** Installs and upgrades on a busy machine. */
const slow = 180_000;

interface Labels {
  objects: {
    key: string;
    labelSingular: string;
    labelPlural: string;
    fields: {
      key: string;
      label: string;
      helpText: string | null;
      settings: {
        choices: { key: string; label: string }[] | null;
        pipelines: { key: string; label: string; stages: { key: string; label: string }[] }[] | null;
      };
    }[];
  }[];
  views: { name: string }[];
  board: { columns: { stage: { key: string; label: string } }[] };
}

const labelsQuery = /* GraphQL */ `
  query {
    objects {
      key
      labelSingular
      labelPlural
      fields {
        key
        label
        helpText
        settings {
          choices {
            key
            label
          }
          pipelines {
            key
            label
            stages {
              key
              label
            }
          }
        }
      }
    }
    views(object: "vehicle") {
      name
    }
    board(object: "deal") {
      columns {
        stage {
          key
          label
        }
      }
    }
  }
`;

/** The labels a few parts of the car dealer show in `language` (none: no Accept-Language). */
async function labelsAs(user: SignedUpUser, language?: string) {
  const headers: Record<string, string> = language ? { 'accept-language': language } : {};
  const { body } = await user.client.request<Labels>(labelsQuery, {}, headers);
  expect(body.errors).toBeUndefined();
  const data = body.data!;
  const object = (key: string) => data.objects.find((o) => o.key === key)!;
  const field = (objectKey: string, key: string) => object(objectKey).fields.find((f) => f.key === key)!;
  const stages = field('tradeIn', 'stage').settings.pipelines!.find((p) => p.key === 'appraisal')!;
  return {
    vehicle: object('vehicle').labelSingular,
    testDrives: object('testDrive').labelPlural,
    mileage: field('vehicle', 'mileage').label,
    make: field('vehicle', 'make').label,
    vinHelp: field('vehicle', 'vin').helpText,
    fuel: field('vehicle', 'fuel').settings.choices!.find((c) => c.key === 'electric')!.label,
    payment: field('deal', 'payment').label,
    birthday: field('person', 'birthday').label,
    // The inverse of a relation the template adds to a standard object.
    customerTestDrives: field('person', 'testDrives').label,
    // The inverse on the template's own object: named after the object it lists.
    vehicleTestDrives: field('vehicle', 'testDrives').label,
    appraisal: stages.label,
    valued: stages.stages.find((s) => s.key === 'valued')!.label,
    boardTestDrive: data.board.columns.find((c) => c.stage.key === 'testDrive')!.stage.label,
    views: data.views.map((v) => v.name),
  };
}

describe('the car dealer’s translations', () => {
  it(
    'installs with German labels answered in German and English ones without a language',
    async () => {
      const owner = await newUser(server);
      await publish('shipped');
      await installTemplateAs(owner, 'car-dealer', false);

      expect(await labelsAs(owner, 'de-DE,de;q=0.9')).toEqual({
        vehicle: 'Fahrzeug',
        testDrives: 'Probefahrten',
        mileage: 'Kilometerstand',
        make: 'Marke',
        vinHelp: '17 Zeichen; Marke und Baujahr werden daraus übernommen',
        fuel: 'Elektro',
        payment: 'Zahlungsart',
        birthday: 'Geburtstag',
        customerTestDrives: 'Probefahrten',
        vehicleTestDrives: 'Probefahrten',
        appraisal: 'Inzahlungnahme-Gutachten',
        valued: 'Bewertet',
        boardTestDrive: 'Probefahrt',
        views: ['Fahrzeuge im Bestand'],
      });
      expect(await labelsAs(owner)).toEqual({
        vehicle: 'Vehicle',
        testDrives: 'Test drives',
        mileage: 'Mileage',
        make: 'Make',
        vinHelp: '17 characters; the make and year are filled from it',
        fuel: 'Electric',
        payment: 'Payment',
        birthday: 'Birthday',
        customerTestDrives: 'Test drives',
        vehicleTestDrives: 'Test drives',
        appraisal: 'Trade-in appraisal',
        valued: 'Valued',
        boardTestDrive: 'Test Drive',
        views: ['Vehicles in stock'],
      });
      expect(await labelsAs(owner, 'it')).toMatchObject({
        vehicle: 'Veicolo',
        boardTestDrive: 'Prova su strada',
      });
      expect(await labelsAs(owner, 'zh-CN')).toMatchObject({ vehicle: '车辆', boardTestDrive: '试驾' });
    },
    slow,
  );

  it(
    'arrive with an upgrade from the version without them, keeping the admin’s own German label',
    async () => {
      const owner = await newUser(server);
      await publish('untranslated');
      await installTemplateAs(owner, 'car-dealer', false);
      // Not translated yet: the template's English labels, whatever the language.
      expect(await labelsAs(owner, 'de')).toMatchObject({ vehicle: 'Vehicle', mileage: 'Mileage' });

      await owner.client.data(
        /* GraphQL */ `
          mutation ($labels: JSON!) {
            setLabelTranslations(object: "vehicle", language: "de", labels: $labels) {
              labelSingular
            }
          }
        `,
        { labels: { fields: { mileage: { label: 'Laufleistung' } } } },
      );

      await publish('shipped');
      const upgrade = await installTemplateAs(owner, 'car-dealer', false);
      expect(upgrade.steps.map((s) => s.action)).toContain('SET_TRANSLATIONS');
      expect(await labelsAs(owner, 'de')).toMatchObject({
        vehicle: 'Fahrzeug',
        // The admin's label stays: the version before had none there to replace.
        mileage: 'Laufleistung',
        make: 'Marke',
        fuel: 'Elektro',
        valued: 'Bewertet',
        boardTestDrive: 'Probefahrt',
        views: ['Fahrzeuge im Bestand'],
      });
      expect(await labelsAs(owner)).toMatchObject({ vehicle: 'Vehicle', mileage: 'Mileage' });
      // Installed again, nothing is left to do.
      expect((await installTemplateAs(owner, 'car-dealer', false)).steps).toEqual([]);
    },
    slow,
  );
});
