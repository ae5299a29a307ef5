import { describe, expect, it } from 'vitest';
import type { FieldDef, FieldType, ObjectDef } from '../../metadata/index.js';
import type { RecordRow } from '../../records/index.js';
import { checkRecipients, recipientIds } from './recipients.js';
import { sendEmailAction } from './send-email.js';
import { assignAction } from './assign.js';
import type { CheckContext } from './handler.js';

const field = (key: string, type: FieldType, over: Partial<FieldDef> = {}) =>
  ({ key, type, archivedAt: null, readOnly: false, ...over }) as FieldDef;
const lead = {
  key: 'lead',
  fields: [
    field('owner', 'USER'),
    field('agent', 'USER'),
    field('email', 'EMAIL'),
    field('name', 'TEXT'),
    field('old', 'USER', { archivedAt: new Date() }),
  ],
} as ObjectDef;
const ann = '11111111-1111-4111-8111-111111111111';
const bob = '22222222-2222-4222-8222-222222222222';
const at: CheckContext = {
  metadata: {} as never,
  object: lead,
  path: ['input', 'actions', '0'],
  checkActions: () => {},
};

function refusal(run: () => void): { path: unknown; message: string } {
  try {
    run();
  } catch (error) {
    const e = error as { message: string; extensions: { argumentPath: unknown } };
    return { path: e.extensions.argumentPath, message: e.message };
  }
  throw new Error('not refused');
}

describe('recipients', () => {
  it('names the fixed members and whoever the USER fields hold, each once', () => {
    const record = { id: 'r', owner: ann, agent: bob } as unknown as RecordRow;
    expect(recipientIds({ userIds: [ann], fields: ['owner', 'agent'] }, record)).toEqual([ann, bob]);
    expect(recipientIds({ fields: ['agent'] }, { ...record, agent: null })).toEqual([]);
    expect(recipientIds({ userIds: [bob.toUpperCase()] }, null)).toEqual([bob]);
  });

  it('refuses no one, a field that is not USER, an archived one, a bad id — naming the part', () => {
    expect(refusal(() => checkRecipients({}, lead, ['r'])).path).toEqual(['r']);
    expect(refusal(() => checkRecipients({ fields: ['name'] }, lead, ['r']))).toEqual({
      path: ['r', 'fields', '0'],
      message: expect.stringMatching(/TEXT field; this needs a USER field/),
    });
    expect(refusal(() => checkRecipients({ fields: ['old'] }, lead, ['r'])).message).toMatch(/archived/);
    expect(refusal(() => checkRecipients({ userIds: [ann, 'x'] }, lead, ['r'])).path).toEqual([
      'r',
      'userIds',
      '1',
    ]);
    expect(() => checkRecipients({ userIds: [ann], fields: ['owner'] }, lead, ['r'])).not.toThrow();
    expect(refusal(() => checkRecipients({ userIds: [ann, bob] }, lead, ['r'], new Set([ann])))).toEqual({
      path: ['r', 'userIds', '1'],
      message: `${bob} is not a member of this workspace.`,
    });
  });
});

describe('action checks', () => {
  it('ASSIGN: a USER field, one member for FIXED, distinct members for ROUND_ROBIN', () => {
    const assign = (over: object) =>
      assignAction.check(
        { type: 'ASSIGN', field: 'agent', mode: 'ROUND_ROBIN', userIds: [ann, bob], ...over },
        at,
      );
    expect(() => assign({})).not.toThrow();
    expect(() => assign({ mode: 'OWNER', userIds: undefined })).not.toThrow();
    expect(refusal(() => assign({ field: 'email' })).path).toEqual(['input', 'actions', '0', 'field']);
    expect(refusal(() => assign({ mode: 'FIXED' })).message).toMatch(/exactly one/);
    expect(refusal(() => assign({ userIds: [ann, ann] })).message).toMatch(/each member once/);
    expect(refusal(() => assign({ userIds: [] })).path).toEqual(['input', 'actions', '0', 'userIds']);
    expect(refusal(() => assign({ mode: 'SOMETIMES' })).path).toEqual(['input', 'actions', '0', 'mode']);
  });

  it('SEND_EMAIL: an EMAIL field or a valid address, not both', () => {
    const send = (to: object) =>
      sendEmailAction.check({ type: 'SEND_EMAIL', to, subject: 'Hi {{ record.name }}', body: 'Hello' }, at);
    expect(() => send({ field: 'email' })).not.toThrow();
    expect(() => send({ address: 'sales@example.com' })).not.toThrow();
    expect(refusal(() => send({ field: 'name' })).path).toEqual(['input', 'actions', '0', 'to', 'field']);
    expect(refusal(() => send({ address: 'not an address' })).path).toEqual([
      'input',
      'actions',
      '0',
      'to',
      'address',
    ]);
    expect(refusal(() => send({ field: 'email', address: 'a@b.co' })).path).toEqual([
      'input',
      'actions',
      '0',
      'to',
    ]);
  });
});
