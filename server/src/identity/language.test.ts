import { preferredLanguage } from '@crm/contracts';
import { describe, expect, it } from 'vitest';

describe('preferredLanguage', () => {
  it('takes the first supported language by quality, then by order', () => {
    expect(preferredLanguage('de-CH,de;q=0.9,en;q=0.8')).toBe('de');
    expect(preferredLanguage('fr-FR,fr;q=0.9,it;q=0.8,en;q=0.7')).toBe('it');
    expect(preferredLanguage('en;q=0.5,zh-Hans-CN;q=0.9')).toBe('zh');
    expect(preferredLanguage(['zh-TW', 'en'])).toBe('zh');
  });

  it('answers undefined for nothing supported, an empty header or refused tags', () => {
    expect(preferredLanguage('fr, es;q=0.5')).toBeUndefined();
    expect(preferredLanguage('')).toBeUndefined();
    expect(preferredLanguage('de;q=0, *')).toBeUndefined();
    expect(preferredLanguage(undefined)).toBeUndefined();
  });
});
