import {
  createLogger,
  MetadataCache,
  noTimeTriggers,
  openAppDatabase,
  saveRulesByKey,
  type RuleSpec,
} from '@crm/server';
import { describe, expect, it } from 'vitest';
import { finishedRuns, ruleFields } from '../support/automation.js';
import { newUser } from '../support/client.js';
import { useServer } from '../support/server.js';

// Rules by key, as a template installs and upgrades them: `saveRulesByKey` in the caller's
// transaction, checked with paths under `automations`, then live like any rule.

const server = useServer();

const spec = (name: string, industry: string): RuleSpec => ({
  key: 'tag-new-companies',
  name,
  object: 'company',
  enabled: true,
  trigger: { kind: 'RECORD_CREATED' },
  actions: [{ type: 'UPDATE_RECORD', values: { industry: { value: industry } } }],
});

describe('rules by key', () => {
  it('install, upgrade in place keeping the admin’s enabled switch, refuse a bad one by path, and run', async () => {
    const admin = await newUser(server);
    const logger = createLogger('silent');
    const database = await openAppDatabase(
      { databaseUrl: server.databaseUrl, dataDir: '', embeddedPgPort: 0 },
      logger,
    );
    try {
      const save = (specs: RuleSpec[]) =>
        database.orm.em.fork().transactional(async (em) => {
          const metadata = (await new MetadataCache().get(em, admin.workspaceId))!;
          const saved = await saveRulesByKey(
            em,
            metadata,
            admin.workspaceId,
            specs,
            admin.userId,
            noTimeTriggers,
          );
          // A template install bumps the metadata version in its transaction: so does this test.
          await em.execute('update workspace set metadata_version = metadata_version + 1 where id = ?', [
            admin.workspaceId,
          ]);
          return saved;
        });
      const enable = (enabled: boolean) =>
        admin.client.data(
          `mutation ($id: ID!, $on: Boolean!) { setAutomationRuleEnabled(id: $id, enabled: $on) { id } }`,
          {
            id: installed!.id,
            on: enabled,
          },
        );
      const [installed] = await save([spec('Tag new companies', 'First')]);
      await enable(false);
      const [upgraded] = await save([spec('Tag new companies (v2)', 'Second')]);
      expect(upgraded).toMatchObject({ id: installed!.id, version: 3, enabled: false });
      await enable(true);
      await expect(save([{ ...spec('Bad', 'x'), object: 'unicorn' }])).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', argumentPath: ['automations', '0', 'object'] },
      });
      const { automationRules } = await admin.client.data(`{ automationRules { ${ruleFields} } }`);
      expect(automationRules).toEqual([
        expect.objectContaining({
          key: 'tag-new-companies',
          name: 'Tag new companies (v2)',
          version: 4,
          enabled: true,
        }),
      ]);
      const { createCompany } = await admin.client.data(
        `mutation { createCompany(input: { name: "Templated" }) { id } }`,
      );
      const [run] = await finishedRuns(admin.client, installed!.id, 1, 90_000);
      expect(run).toMatchObject({ status: 'SUCCEEDED', recordId: createCompany.id });
      const { company } = await admin.client.data(`query ($id: ID!) { company(id: $id) { industry } }`, {
        id: createCompany.id,
      });
      expect(company.industry).toBe('Second');
    } finally {
      await database.close();
    }
  });
});
