import { describe, expect, it } from 'vitest';
import { Role } from '../identity/index.js';
import type { FieldDef, ObjectDef, WorkspaceMetadata } from '../metadata/index.js';
import { defaultBuiltin, type Profile, type Team } from './model.js';
import { recordScopeOf, scopeSql } from './record-scope.js';
import { metadataForView, schemaViewKey } from './schema-view.js';
import { AccessSnapshot } from './snapshot.js';
import { profileFromInput } from './validate.js';

function field(key: string, extra: Partial<FieldDef> = {}): FieldDef {
  return {
    id: `f-${key}`,
    objectId: 'o-deal',
    key,
    label: key,
    type: 'TEXT',
    required: false,
    unique: false,
    defaultValue: null,
    helpText: null,
    filterable: true,
    sortable: true,
    options: {},
    column: `f_${key}`,
    standard: false,
    system: false,
    readOnly: false,
    position: 0,
    archivedAt: null,
    ...extra,
  };
}

const deal: ObjectDef = {
  id: 'o-deal',
  key: 'deal',
  pluralKey: 'deals',
  labelSingular: 'Deal',
  labelPlural: 'Deals',
  description: null,
  icon: null,
  labelFieldId: null,
  table: 'o_deal',
  standard: true,
  position: 0,
  archivedAt: null,
  fields: [
    field('name', { required: true }),
    field('commission', { type: 'NUMBER' }),
    field('agent', { type: 'USER' }),
    field('old', { archivedAt: new Date() }),
  ],
};
const metadata: WorkspaceMetadata = { workspaceId: 'w', version: 1, schema: 'ws_w', objects: [deal] };

const agent: Profile = {
  id: 'p-agent',
  builtin: null,
  name: 'Agent',
  objects: { 'o-deal': { read: 'TEAM', create: true, update: 'OWN', delete: 'NONE' } },
  defaultObject: { read: 'ALL', create: false, update: 'NONE', delete: 'NONE' },
  fields: { 'f-commission': 'HIDDEN' },
};

const teams: Team[] = [
  { id: 't-north', name: 'North', parentId: null, memberIds: ['ann'] },
  { id: 't-junior', name: 'Juniors', parentId: 't-north', memberIds: ['jo'] },
  { id: 't-south', name: 'South', parentId: null, memberIds: ['bob'] },
];

function snapshot(): AccessSnapshot {
  return new AccessSnapshot(
    'w',
    [agent],
    new Map([
      ['ann', 'p-agent'],
      ['jo', 'p-agent'],
    ]),
    new Map(teams.map((t) => [t.id, t])),
    new Map([['o-deal', ['f-agent']]]),
  );
}

describe('the access check', () => {
  it('gives owners, admins and unrestricted profiles no scope, so no SQL is added', () => {
    const s = snapshot();
    expect(recordScopeOf(s, 'ann', Role.OWNER)).toBeUndefined();
    expect(recordScopeOf(s, 'ann', Role.ADMIN)).toBeUndefined();
    expect(recordScopeOf(s, 'bob', Role.MEMBER)).toBeUndefined();
    expect(schemaViewKey(s, 'bob', Role.MEMBER)).toBe('');
  });

  it('reaches a team’s members and every sub-team below it, not the teams above', () => {
    const s = snapshot();
    expect(s.teamReach('ann')).toEqual({ teamIds: ['t-north', 't-junior'], memberIds: ['ann', 'jo'] });
    expect(s.teamReach('jo')).toEqual({ teamIds: ['t-junior'], memberIds: ['jo'] });
  });

  it('builds parameterised predicates: owner or granting field, and shares with the member or their teams', () => {
    const s = snapshot();
    const team = recordScopeOf(s, 'ann', Role.MEMBER)!.rows(deal, 'read', 't')!;
    expect(team.sql).toContain('t."owner_id" = any(?::uuid[])');
    expect(team.sql).toContain('t."f_agent" = any(?::uuid[])');
    expect(team.sql).toContain('t.id in (select s.record_id from public.record_share s');
    expect(team.sql).not.toContain("level = 'edit'");
    expect(team.params).toEqual(['{"ann","jo"}', '{"ann","jo"}', 'o-deal', 'ann', '{"t-north","t-junior"}']);
    const own = recordScopeOf(s, 'ann', Role.MEMBER)!.rows(deal, 'update', 't')!;
    expect(own.sql).toContain('t."owner_id" = ?::uuid');
    expect(own.sql).toContain("s.level = 'edit'");
    expect(recordScopeOf(s, 'ann', Role.MEMBER)!.rows(deal, 'delete', 't')).toEqual({
      sql: 'false',
      params: [],
    });
    expect(scopeSql(s, deal, 'ALL', { userId: 'ann', alias: 't', editOnly: false })).toBeNull();
  });

  it('reads a list per holder, with the shares part only when the caller holds a share on the object', async () => {
    const scope = recordScopeOf(snapshot(), 'ann', Role.MEMBER)!;
    const asked: { sql: string; params: unknown[] }[] = [];
    const probe = (held: boolean) => async (statement: { sql: string; params: unknown[] }) => {
      asked.push(statement);
      return [{ held }];
    };
    const none = (await scope.holders(deal, 'read', 't', probe(false)))!;
    expect(none.map((h) => h.sql)).toEqual(['t."owner_id" = any(?::uuid[])', 't."f_agent" = any(?::uuid[])']);
    expect(asked[0]!.sql).toMatch(
      /^select exists \(select 1 from public\.record_share s where s\.object_id = /,
    );
    expect(asked[0]!.params).toEqual(['o-deal', 'ann', '{"t-north","t-junior"}']);
    const some = (await scope.holders(deal, 'update', 't', probe(true)))!;
    expect(some).toHaveLength(3);
    expect(some[2]!.sql).toContain("s.level = 'edit'");
    expect(asked[1]!.sql).toContain("s.level = 'edit'");
    expect(await scope.holders(deal, 'delete', 't', probe(true))).toEqual([]);
    expect(asked).toHaveLength(2);
  });

  it('leaves hidden fields out of the profile’s schema view', () => {
    const s = snapshot();
    const key = schemaViewKey(s, 'ann', Role.MEMBER);
    expect(key).toBe('profile:p-agent');
    const view = metadataForView(s, metadata, key).objects[0]!;
    expect(view.fields.find((f) => f.key === 'commission')!.archivedAt).not.toBeNull();
    expect(view.fields.find((f) => f.key === 'name')!.archivedAt).toBeNull();
    expect(metadata.objects[0]!.fields.find((f) => f.key === 'commission')!.archivedAt).toBeNull();
  });

  it('refuses unknown objects, archived fields and a hidden required field of a creating profile, with every reason', () => {
    const base = { id: 'p', builtin: null };
    let error: unknown;
    try {
      profileFromInput(
        metadata,
        {
          name: 'Bad',
          objects: [
            { objectKey: 'ship', read: 'ALL', create: false, update: 'NONE', delete: 'NONE' },
            { objectKey: 'deal', read: 'OWN', create: true, update: 'OWN', delete: 'NONE' },
          ],
          fields: [
            { objectKey: 'deal', fieldKey: 'old', access: 'HIDDEN' },
            { objectKey: 'deal', fieldKey: 'name', access: 'READ_ONLY' },
          ],
        },
        base,
      );
    } catch (e) {
      error = e;
    }
    const reasons = (error as { extensions: { reasons: { path: string[] }[] } }).extensions.reasons;
    expect(reasons.map((r) => r.path.join('.'))).toEqual([
      'input.objects.0.objectKey',
      'input.fields.0.fieldKey',
      'input.fields.1.access',
    ]);
    const fine = profileFromInput(
      metadata,
      { name: 'Fine', objects: [], fields: [{ objectKey: 'deal', fieldKey: 'name', access: 'HIDDEN' }] },
      base,
    );
    expect(fine.fields).toEqual({ 'f-name': 'HIDDEN' });
    expect(defaultBuiltin('viewer').defaultObject.create).toBe(false);
  });
});
