import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjudicate, initialGame, type Order, type Scenario } from '@arsenal/shared';
import { bundled, variant } from '../helpers/scenarios.ts';

/** The tutorial with three industry teams and motor sources of cap `cap` that never embargo. */
const scenario = (cap: number): Scenario =>
  variant(bundled('tutorial'), (s) => {
    const motor = s.components.find((c) => c.id === 'motor')!;
    motor.sources = motor.sources.map((src) => ({ ...src, monthlyCap: cap, embargoRisk: 0 }));
    const autoco = s.teams.find((t) => t.id === 'autoco')!;
    for (const id of ['sme_a', 'sme_b'])
      s.teams.push({ ...structuredClone(autoco), id, name: id, objectives: [] });
  });
const BUYERS = ['autoco', 'sme_a', 'sme_b'] as const;
const buy = (qty: number): Order => ({ type: 'buyComponents', component: 'motor', source: 'eu', qty });

describe('capped sources (property)', () => {
  it('never deliver more than the cap in a month, and shared supply sums to what was available', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.array(fc.array(fc.integer({ min: 0, max: 6000 }), { minLength: 3, maxLength: 3 }), {
          minLength: 1,
          maxLength: 4,
        }),
        (cap, months) => {
          const s = scenario(cap);
          let g = initialGame(s, 3);
          for (const asks of months) {
            const orders: Record<string, Order[]> = {};
            BUYERS.forEach((t, i) => {
              const q = Math.min(asks[i]!, cap);
              if (q > 0) orders[t] = [buy(q)];
            });
            const before = g;
            g = adjudicate(s, g, orders).game;
            const got = BUYERS.map((t) => g.teams[t]!.componentsBought - before.teams[t]!.componentsBought);
            const asked = BUYERS.map((t) => (orders[t]?.[0] as { qty: number } | undefined)?.qty ?? 0);
            const total = got.reduce((n, x) => n + x, 0);
            // shared supply sums to what was available (or to what was asked, if less)
            expect(total).toBe(
              Math.min(
                cap,
                asked.reduce((n, x) => n + x, 0),
              ),
            );
            got.forEach((x, i) => expect(x).toBeLessThanOrEqual(asked[i]!));
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a lone buyer at cap gets the whole cap every month', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 6 }), (cap, n) => {
        const s = scenario(cap);
        let g = initialGame(s, 9);
        for (let m = 0; m < n; m++) {
          const before = g.teams.autoco!.componentsBought;
          g = adjudicate(s, g, { autoco: [buy(cap)] }).game;
          expect(g.teams.autoco!.componentsBought - before).toBe(cap);
        }
      }),
      { numRuns: 30 },
    );
  });
});
