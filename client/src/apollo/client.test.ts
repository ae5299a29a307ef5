import { CloseCode } from '@crm/contracts';
import { describe, expect, it } from 'vitest';
import { shouldReconnect } from './client';

describe('shouldReconnect', () => {
  it('reconnects after a restart or a changed membership', () => {
    expect(shouldReconnect({ code: CloseCode.GoingAway, reason: '' })).toBe(true);
    expect(shouldReconnect({ code: CloseCode.Forbidden, reason: '' })).toBe(true);
  });

  it('waits for the user after a lost session or too many sockets', () => {
    expect(shouldReconnect({ code: CloseCode.Unauthenticated, reason: '' })).toBe(false);
    expect(shouldReconnect({ code: CloseCode.TooManySockets, reason: '' })).toBe(false);
  });

  it('does not retry an error that is not a close', () => {
    expect(shouldReconnect(new Error('no socket'))).toBe(false);
  });
});
