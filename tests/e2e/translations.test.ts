import { beforeAll, describe, expect, it } from 'vitest';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import { useServer } from '../support/server.js';

// Each user's language, and metadata labels answered in it: objects, fields, choices, stages,
// pipelines and view names, with the default as fallback; admins translate, and edit what they see.

const server = useServer();
let owner: SignedUpUser;
let member: SignedUpUser;

const deal = /* GraphQL */ `
  query {
    object(key: "deal") {
      labelSingular
      labelPlural
      labels
      fields {
        key
        label
        settings {
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
  }
`;
const translate = /* GraphQL */ `
  mutation ($language: String!, $labels: JSON!) {
    setLabelTranslations(object: "deal", language: $language, labels: $labels) {
      labelSingular
    }
  }
`;

interface Deal {
  labelSingular: string;
  labelPlural: string;
  labels: Record<string, Record<string, unknown>>;
  fields: {
    key: string;
    label: string;
    settings: {
      pipelines: { key: string; label: string; stages: { key: string; label: string }[] }[] | null;
    };
  }[];
}

async function dealAs(user: SignedUpUser, headers: Record<string, string> = {}): Promise<Deal> {
  const { body } = await user.client.request<{ object: Deal }>(deal, {}, headers);
  expect(body.errors).toBeUndefined();
  return body.data!.object;
}

const stageLabel = (object: Deal, key: string) =>
  object.fields.find((f) => f.key === 'stage')!.settings.pipelines![0]!.stages.find((s) => s.key === key)!
    .label;

beforeAll(async () => {
  owner = await newUser(server);
  member = await newMember(server, owner, 'MEMBER');
  await owner.client.data(translate, {
    language: 'de',
    labels: {
      labelSingular: 'Verkaufschance',
      labelPlural: 'Verkaufschancen',
      fields: { stage: { label: 'Phase', stages: { qualified: 'Qualifiziert' } } },
    },
  });
});

describe('a user’s language', () => {
  it('is unset until chosen, then stored; an unsupported one is refused at its argument', async () => {
    const me = `query { me { language } }`;
    expect((await member.client.data(me)).me.language).toBeNull();
    const refused = await member.client.request(`mutation { setLanguage(language: "fr") }`);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentPath: ['language'],
      reason: 'language.unsupported',
      params: { value: 'fr' },
    });
    expect((await member.client.data(me)).me.language).toBeNull();
    expect((await member.client.data(`mutation { setLanguage(language: "it") }`)).setLanguage).toBe('it');
    expect((await member.client.data(me)).me.language).toBe('it');
  });
});

describe('labels in the caller’s language', () => {
  it('follows Accept-Language until a language is chosen, with the default where nothing is translated', async () => {
    const english = await dealAs(owner);
    expect(english.labelSingular).toBe('Deal');
    expect(stageLabel(english, 'qualified')).not.toBe('Qualifiziert');

    const german = await dealAs(owner, { 'accept-language': 'de-CH,de;q=0.9,en;q=0.5' });
    expect(german.labelSingular).toBe('Verkaufschance');
    expect(german.labelPlural).toBe('Verkaufschancen');
    expect(german.fields.find((f) => f.key === 'stage')!.label).toBe('Phase');
    expect(stageLabel(german, 'qualified')).toBe('Qualifiziert');
    // Not translated by the workspace: the shipped translation of a standard label.
    expect(stageLabel(german, 'proposal')).toBe('Angebot');
    expect(german.fields.find((f) => f.key === 'amount')!.label).toBe('Betrag');
    expect(german.fields.find((f) => f.key === 'createdAt')!.label).toBe('Erstellt');
    expect(german.labels.default).toMatchObject({ labelSingular: 'Deal' });
    expect(german.labels.de).toEqual({ labelSingular: 'Verkaufschance', labelPlural: 'Verkaufschancen' });
  });

  it('uses the chosen language over the header, and on the board', async () => {
    const user = await newMember(server, owner, 'MEMBER');
    await user.client.data(`mutation { setLanguage(language: "de") }`);
    expect((await dealAs(user, { 'accept-language': 'it' })).labelSingular).toBe('Verkaufschance');
    const board = await user.client.data(
      `query { board(object: "deal") { columns { stage { key label } } } }`,
    );
    const columns = board.board.columns as { stage: { key: string; label: string } }[];
    expect(columns.find((c) => c.stage.key === 'qualified')!.stage.label).toBe('Qualifiziert');
  });
});

describe('translating', () => {
  it('refuses bad input naming its path, and writes nothing of it', async () => {
    const cases: [Record<string, unknown>, string, string[]][] = [
      [{ labelSingular: 'X' }, 'fr', ['language']],
      [{ fields: { nope: { label: 'X' } } }, 'de', ['labels', 'fields', 'nope']],
      [
        { fields: { stage: { stages: { nope: 'X' } } } },
        'de',
        ['labels', 'fields', 'stage', 'stages', 'nope'],
      ],
      [{ labelSingular: 'x'.repeat(201) }, 'de', ['labels', 'labelSingular']],
      [{ colour: 'red' }, 'de', ['labels', 'colour']],
      [
        { labelSingular: 'Affare', fields: { name: { label: 42 } } },
        'it',
        ['labels', 'fields', 'name', 'label'],
      ],
    ];
    for (const [labels, language, path] of cases) {
      const { body } = await owner.client.request(translate, { language, labels });
      expect(body.errors?.[0]?.extensions, JSON.stringify(labels)).toMatchObject({
        code: 'BAD_USER_INPUT',
        argumentPath: path,
      });
    }
    const italian = await dealAs(owner, { 'accept-language': 'it' });
    expect(italian.labelSingular).toBe('Trattativa');
    expect(italian.labels.it).toBeUndefined();
  });

  it('is for admins only', async () => {
    const { body } = await member.client.request(translate, {
      language: 'it',
      labels: { labelSingular: 'X' },
    });
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('changes what each language sees: an admin edits the label they see, the default stays', async () => {
    const german = { 'accept-language': 'de' };
    await owner.client.request(
      `mutation { updateObject(object: "deal", input: { labelSingular: "Geschäft" }) { labelSingular } }`,
      {},
      german,
    );
    await owner.client.request(
      `mutation { updateStage(object: "deal", stage: "qualified", input: { label: "Geprüft" }) { key } }`,
      {},
      german,
    );
    const inGerman = await dealAs(owner, german);
    expect(inGerman.labelSingular).toBe('Geschäft');
    expect(stageLabel(inGerman, 'qualified')).toBe('Geprüft');
    const inEnglish = await dealAs(owner);
    expect(inEnglish.labelSingular).toBe('Deal');
    expect(stageLabel(inEnglish, 'qualified')).not.toBe('Geprüft');

    // Without a translation in their language, the default changes, for everyone without one.
    await owner.client.data(
      `mutation { updateObject(object: "deal", input: { labelPlural: "Opportunities" }) { key } }`,
    );
    expect((await dealAs(owner, { 'accept-language': 'zh' })).labelPlural).toBe('Opportunities');
    expect((await dealAs(owner, german)).labelPlural).toBe('Verkaufschancen');
  });

  it('empties a language with empty labels, falling back to the default', async () => {
    // The plural is the admin's own since the test above ("Opportunities"): no shipped translation.
    await owner.client.data(translate, { language: 'zh', labels: { labelPlural: '机会' } });
    expect((await dealAs(owner, { 'accept-language': 'zh-CN' })).labelPlural).toBe('机会');
    await owner.client.data(translate, { language: 'zh', labels: { labelPlural: '' } });
    const chinese = await dealAs(owner, { 'accept-language': 'zh-CN' });
    expect(chinese.labelPlural).toBe('Opportunities');
    // The singular is still the shipped "Deal", so Chinese readers get its shipped translation.
    expect(chinese.labelSingular).toBe('商机');
    expect(chinese.labels.zh).toBeUndefined();
  });
});

describe('view names', () => {
  it('are translated per language by whoever may edit the view', async () => {
    const created = await owner.client.data(
      `mutation { createView(input: { object: "deal", name: "Open deals", type: TABLE, shared: true }) { id } }`,
    );
    const id = created.createView.id as string;
    const refused = await owner.client.request(
      `mutation ($id: ID!) { translateView(id: $id, language: "xx", name: "X") { id } }`,
      { id },
    );
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentPath: ['language'],
    });
    const byMember = await member.client.request(
      `mutation ($id: ID!) { translateView(id: $id, language: "de", name: "X") { id } }`,
      { id },
    );
    expect(byMember.body.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|NOT_FOUND/);
    await owner.client.data(
      `mutation ($id: ID!) { translateView(id: $id, language: "de", name: "Offene Chancen") { id } }`,
      {
        id,
      },
    );
    const read = `query ($id: ID!) { view(id: $id) { name labels } }`;
    const german = await owner.client.request<{ view: { name: string; labels: Record<string, unknown> } }>(
      read,
      { id },
      { 'accept-language': 'de' },
    );
    expect(german.body.data!.view.name).toBe('Offene Chancen');
    expect(german.body.data!.view.labels).toEqual({
      default: { name: 'Open deals' },
      de: { name: 'Offene Chancen' },
    });
    expect((await member.client.data(read, { id })).view.name).toBe('Open deals');
  });
});

describe('refused values', () => {
  it('carry a reason and its parameters for clients to word, beside the English message', async () => {
    const { body } = await owner.client.request(
      `mutation { createPerson(input: { name: "Ana", email: "not-an-address" }) { id } }`,
    );
    expect(body.errors?.[0]?.message).toMatch(/must be an e-mail address/);
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'email',
      reason: 'value.email',
    });
  });
});
