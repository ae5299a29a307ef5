import { describe, expect, it } from 'vitest';
import { cronProblem, nextCronTime } from './cron.js';

describe('cron', () => {
  it('accepts five fields and macros, refuses the rest with a reason', () => {
    expect(cronProblem('*/5 * * * *', 'UTC')).toBeNull();
    expect(cronProblem('@daily', 'UTC')).toBeNull();
    expect(cronProblem('0 9 * * MON-FRI', 'Europe/Paris')).toBeNull();
    expect(cronProblem('* * * *', 'UTC')).toMatch(/five fields/);
    expect(cronProblem('0 * * * * *', 'UTC')).toMatch(/five fields/);
    expect(cronProblem('61 * * * *', 'UTC')).toMatch(/does not parse/);
    expect(cronProblem('', 'UTC')).toMatch(/cron expression/);
    expect(cronProblem(42, 'UTC')).toMatch(/cron expression/);
    expect(cronProblem('@secondly', 'UTC')).toMatch(/once a minute/);
  });

  it('gives the next matching minute after a time, in the rule’s zone', () => {
    expect(nextCronTime('* * * * *', 'UTC', new Date('2026-05-01T10:00:30Z'))).toEqual(
      new Date('2026-05-01T10:01:00Z'),
    );
    expect(nextCronTime('* * * * *', 'UTC', new Date('2026-05-01T10:01:00Z'))).toEqual(
      new Date('2026-05-01T10:02:00Z'),
    );
    // 09:00 in Paris in summer is 07:00 UTC.
    expect(nextCronTime('0 9 * * *', 'Europe/Paris', new Date('2026-07-01T08:00:00Z'))).toEqual(
      new Date('2026-07-02T07:00:00Z'),
    );
  });
});
