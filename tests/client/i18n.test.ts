import { describe, expect, it } from 'vitest';
import { en } from '../../client/src/i18n/en.ts';
import { fr } from '../../client/src/i18n/fr.ts';
import { translate } from '../../client/src/i18n/i18n.tsx';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it('give every key in French with the same placeholders as in English', () => {
    const mismatched = Object.entries(en)
      .filter(([key, text]) => placeholders(fr[key as keyof typeof en]).join() !== placeholders(text).join())
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
    expect(Object.values(fr).filter((text) => !text.trim())).toEqual([]);
  });

  it('pick plural forms by each language’s rules', () => {
    expect(translate('en', 'line.monthsLeft', { n: 1 })).toBe('1 month left');
    expect(translate('en', 'line.monthsLeft', { n: 0 })).toBe('0 months left');
    expect(translate('en', 'sit.awaiting', { n: 2 })).toBe('2 offers await your answer (Contracts tab).');
    expect(translate('fr', 'grid.revoked', { n: 0, team: 'AutoCo' })).toBe('0 jeton de AutoCo révoqué.');
    expect(translate('fr', 'grid.revoked', { n: 2, team: 'AutoCo' })).toBe('2 jetons de AutoCo révoqués.');
  });
});
