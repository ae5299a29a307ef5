import { describe, expect, it } from 'vitest';
import { isPrivateAddress, targetProblem } from './target.js';

describe('webhook targets', () => {
  it('knows loopback, private, link-local and unique-local addresses', () => {
    for (const ip of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '0.0.0.0',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '100.64.0.1',
    ])
      expect(isPrivateAddress(ip), ip).toBe(true);
    for (const ip of ['93.184.216.34', '8.8.8.8', '2606:4700::1111'])
      expect(isPrivateAddress(ip), ip).toBe(false);
  });

  it('takes only http(s) URLs, and public addresses unless allowed', async () => {
    expect(await targetProblem('ftp://example.com/x', true)).toMatch(/http\(s\)/);
    expect(await targetProblem('not a url', true)).toMatch(/http\(s\)/);
    expect(await targetProblem('http://127.0.0.1:8080/hook', false)).toMatch(/loopback/);
    expect(await targetProblem('http://[::1]/hook', false)).toMatch(/loopback/);
    expect(await targetProblem('http://localhost/hook', false)).toMatch(/loopback/);
    expect(await targetProblem('http://127.0.0.1:8080/hook', true)).toBeNull();
    expect(await targetProblem('https://93.184.216.34/hook', false)).toBeNull();
  });
});
