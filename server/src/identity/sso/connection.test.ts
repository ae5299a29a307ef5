import { describe, expect, it } from 'vitest';
import { checkDomains } from './connection.js';
import { issuerProblem } from './provider.js';

const settings = { allowHttpIssuer: false, publicBase: () => 'https://crm.example.com' };

describe('single sign-on settings', () => {
  it('keeps domains lower-cased and once, and refuses malformed and public mail domains', () => {
    expect(checkDomains([' Acme.COM ', '@acme.com', 'eu.acme.com'])).toEqual(['acme.com', 'eu.acme.com']);
    for (const [domains, index] of [
      [['acme.com', 'not a domain'], '1'],
      [['localhost'], '0'],
      [['gmail.com'], '0'],
    ] as const) {
      expect(() => checkDomains([...domains])).toThrow(
        expect.objectContaining({
          extensions: expect.objectContaining({ argumentPath: ['input', 'domains', index] }),
        }),
      );
    }
  });

  it('takes https issuers only, unless http ones are allowed', () => {
    expect(issuerProblem(settings, 'https://login.acme.com/realms/staff')).toBeNull();
    expect(issuerProblem(settings, 'http://login.acme.com')).toMatch(/https/);
    expect(issuerProblem({ ...settings, allowHttpIssuer: true }, 'http://127.0.0.1:8080')).toBeNull();
    expect(issuerProblem(settings, 'https://user:secret@login.acme.com')).toMatch(/password/);
    expect(issuerProblem(settings, 'not a url')).toMatch(/URL/);
  });
});
