import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatters, GLOSSARY, LANGS, metricValueText, targetText } from '@arsenal/shared';

const README = fs.readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');

/** The words of the README's Glossary table (its first column). */
function readmeTerms(): string[] {
  const section = README.split('\n## Glossary')[1]!.split('\n## ')[0]!;
  return section
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| word') && !l.startsWith('| ---'))
    .map((l) => l.split('|')[1]!.trim());
}

describe('the glossary players open', () => {
  it('has every word of the README’s glossary, with a meaning in every language', () => {
    const terms = readmeTerms();
    expect(terms.length).toBeGreaterThan(10);
    const en = GLOSSARY.map((g) => g.term.en.toLowerCase());
    for (const term of terms) expect(en, term).toContain(term.toLowerCase());
    for (const g of GLOSSARY)
      for (const lang of LANGS) {
        expect(g.term[lang], `${g.id} ${lang}`).toBeTruthy();
        expect(g.meaning[lang].length, `${g.id} ${lang}`).toBeGreaterThan(10);
      }
    expect(new Set(GLOSSARY.map((g) => g.id)).size).toBe(GLOSSARY.length);
  });
});

describe('objectives in human units', () => {
  const en = formatters('en');
  const fr = formatters('fr');
  it.each([
    [{ kind: 'profit', team: 'a' }, '>=', 5_000_000, '≥ €5M', '≥ 5 M €'],
    [{ kind: 'sovereignty', team: 'a' }, '>=', 0.5, '≥ 50%', '≥ 50 %'],
    [{ kind: 'cumulativeOutput', product: 'p' }, '>=', 5000, '≥ 5,000', '≥ 5 000'],
    [{ kind: 'fireRatio', front: 'f' }, '>=', 0.8, '≥ 0.80', '≥ 0,80'],
    [{ kind: 'territory', front: 'f' }, '>=', -3, '≥ -3', '≥ -3'],
    [{ kind: 'money', team: 'a' }, '<', 400_000_000, '< €400M', '< 400 M €'],
  ] as const)('%o %s %d', (metric, op, target, inEnglish, inFrench) => {
    const norm = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ').replace(/−/g, '-');
    expect(norm(targetText(en, { op, target, metric }))).toBe(inEnglish);
    expect(norm(targetText(fr, { op, target, metric }))).toBe(inFrench);
  });
  it('a product counted in its own unit says so', () => {
    const metric = { kind: 'stock', team: 'a', product: 'p' } as const;
    expect(targetText(en, { op: '>=', target: 200, metric }, 'kg')).toBe('≥ 200 kg');
    expect(metricValueText(en, 'onTimeDelivery', 0.95)).toBe('95%');
  });
});
