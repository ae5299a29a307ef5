import { describe, expect, it } from 'vitest';
import { type PgConnection, preparingConnections, queryPrepared, statementName } from './prepared-statements.js';

/** A connection that answers as pg does: a named statement is parsed once, unless its text is bad. */
function fakeConnection() {
  const sent: { text: string; name?: string }[] = [];
  const parsedStatements: Record<string, string> = {};
  const connection: PgConnection = {
    connection: { parsedStatements },
    query: async ({ text, name }) => {
      sent.push({ text, name });
      if (name && parsedStatements[name] === undefined) {
        if (text.includes('syntax error')) throw new Error('syntax error at or near');
        parsedStatements[name] = text;
      }
      const deallocated = /^deallocate "(.+)"$/.exec(text)?.[1];
      if (deallocated && parsedStatements[deallocated] === undefined) throw new Error('does not exist');
      return { rows: [] };
    },
  };
  return { connection, sent, parsedStatements };
}

function preparing(capacity: number) {
  const fake = fakeConnection();
  preparingConnections(capacity)(fake.connection, (error) => expect(error).toBeNull());
  return fake;
}

describe('prepared statements', () => {
  it('names a text the same way under one metadata version, and otherwise under another', () => {
    expect(statementName('select 1', 3)).toBe(statementName('select 1', 3));
    expect(statementName('select 1', 3)).not.toBe(statementName('select 1', 4));
    expect(statementName('select 1', 3)).not.toBe(statementName('select 2', 3));
  });

  it('keeps at most `capacity` per connection, dropping the least recently used', async () => {
    const { connection, sent, parsedStatements } = preparing(2);
    await queryPrepared(connection, 'a', 'select a', []);
    await queryPrepared(connection, 'b', 'select b', []);
    await queryPrepared(connection, 'a', 'select a', []);
    await queryPrepared(connection, 'c', 'select c', []);
    expect(sent.map((s) => s.text)).toEqual(['select a', 'select b', 'select a', 'deallocate "b"', 'select c']);
    expect(Object.keys(parsedStatements).sort()).toEqual(['a', 'c']);
    // b is prepared again when it comes back, in place of a (now the oldest).
    await queryPrepared(connection, 'b', 'select b', []);
    expect(sent.at(-2)?.text).toBe('deallocate "a"');
    expect(Object.keys(parsedStatements).sort()).toEqual(['b', 'c']);
  });

  it('counts no statement that failed to parse: nothing to deallocate later', async () => {
    const { connection, sent } = preparing(1);
    await expect(queryPrepared(connection, 'bad', 'syntax error', [])).rejects.toThrow(/syntax error/);
    await queryPrepared(connection, 'a', 'select a', []);
    await queryPrepared(connection, 'b', 'select b', []);
    expect(sent.map((s) => s.text)).toEqual(['syntax error', 'select a', 'deallocate "a"', 'select b']);
  });

  it('runs unnamed on a connection that prepares nothing', async () => {
    for (const fake of [preparing(0), fakeConnection()]) {
      await queryPrepared(fake.connection, 'a', 'select a', [1]);
      expect(fake.sent).toEqual([{ text: 'select a', name: undefined }]);
    }
  });
});
