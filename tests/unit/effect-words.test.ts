import { describe, expect, it } from 'vitest';
import {
  buildReport,
  createExercise,
  effectMessage,
  MESSAGES,
  nameBook,
  narrate,
  Autoplay,
  type Effect,
} from '@arsenal/shared';
import { bundled } from '../helpers/scenarios.ts';

/**
 * Effects in words: one wording (`effectMessage` + the catalog) for the run sheet, the free-form
 * actions and the after-action report, in English and French.
 */
const flagship = bundled('france-2025');
const tutorial = bundled('tutorial');
const en = (e: Effect, s = flagship) => narrate(effectMessage(e), 'en', nameBook(s));
// French spacing uses no-break spaces ("2 M €", " : "): compared as plain spaces
const fr = (e: Effect, s = flagship) => narrate(effectMessage(e), 'fr', nameBook(s)).replace(/\s/g, ' ');

describe('effects in words', () => {
  it('names, multipliers, signs and terms in the reader’s language', () => {
    expect(en({ type: 'money', team: 'dga', delta: 2_000_000 }, tutorial)).toBe('DGA (procurement): +€2M');
    expect(fr({ type: 'money', team: 'dga', delta: 2_000_000 }, tutorial)).toBe('DGA (procurement) : +2 M €');
    expect(en({ type: 'politicalCapital', team: 'dga', delta: -5 }, tutorial)).toBe(
      'DGA (procurement): political capital -5',
    );
    expect(en({ type: 'redFires', front: 'east', multiplier: 1.35 }, tutorial)).toBe(
      'Red fires on Eastern sector (Donbas) ×1.35',
    );
    expect(fr({ type: 'redFires', multiplier: 0.5 }, tutorial)).toBe('Feux rouges sur tous les fronts ×0,5');
    expect(en({ type: 'unlockLever', lever: 'multiYear' })).toBe('Unlocks multi-year contracts');
    expect(fr({ type: 'unlockLever', lever: 'priorityRatings' })).toBe('Débloque les priorités (DX/DO)');
    expect(en({ type: 'ewLevel', delta: 1 })).toBe('Red EW level on every front +1');
  });

  it('one month and several months', () => {
    expect(en({ type: 'qualificationDelay', months: 1 })).toBe('Lines in qualification need 1 more month');
    expect(en({ type: 'qualificationDelay', months: 3 })).toBe('Lines in qualification need 3 more months');
    expect(en({ type: 'lineStoppage', plant: 'le_mans', months: 1 }, tutorial)).toBe(
      'Le Mans mechanical plant stops for 1 month',
    );
  });

  it('a market offer with its terms', () => {
    const text = en(
      {
        type: 'marketOffer',
        product: 'fpv_rf',
        qty: 8000,
        price: 400,
        deliveryMonths: 2,
        releasePerMonth: 2000,
        escalation: 0.1,
        rivalBids: true,
      } as Effect,
      tutorial,
    );
    expect(text).toBe(
      'Market offer: 8,000 FPV drone (radio link) at €400 each, delivered in 2 months (at most 2,000 released a month, the rest sold elsewhere; price up 10% per month’s release sold; open to rival bids)',
    );
  });

  it('every effect of both bundled scenarios is written from the catalog, in both languages', () => {
    let n = 0;
    for (const s of [flagship, tutorial])
      for (const i of s.injects)
        for (const e of [...(i.effects ?? []), ...(i.options ?? []).flatMap((o) => o.effects)]) {
          for (const text of [en(e, s), fr(e, s)]) {
            expect(text).not.toMatch(/effect\.|\{\w+\}|undefined|NaN/);
            expect(text.length).toBeGreaterThan(5);
          }
          n++;
        }
    expect(n).toBeGreaterThan(20);
    for (const [key, texts] of Object.entries(MESSAGES))
      if (key.startsWith('effect.')) expect(Object.keys(texts).sort()).toEqual(['en', 'fr']);
  });

  it('the after-action report lists the injects’ effects in words, not as raw fields', () => {
    const play = new Autoplay(flagship, createExercise(flagship, { seed: 2, bots: [] })).play(6);
    const report = buildReport(flagship, { seed: 2, bots: [] }, play.log);
    const effects = report.injects.flatMap((i) => i.effects);
    expect(effects.length).toBeGreaterThan(0);
    for (const text of effects) expect(text).not.toMatch(/\w+=/);
    expect(effects.some((t) => t.startsWith('Red fires on') || t.startsWith('Components from'))).toBe(true);
  });
});
