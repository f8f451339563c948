import { describe, expect, it } from 'vitest';
import { Autoplay, createExercise, indexOf, type Scenario } from '@arsenal/shared';
import { bundled } from '../helpers/scenarios.ts';

const tutorial = bundled('tutorial');
const flagship = bundled('france-2025');

/**
 * Plausibility of the model, checked month by month while bots play:
 * - a line converted with a template makes its first units no earlier than the template's lead and
 *   qualification months after the order;
 * - no line ever makes more than its nameplate (and expansions in service) in a month;
 * - no team's cash ever goes below zero (no budget is overspent).
 */
function playChecked(s: Scenario, seed: number) {
  const ix = indexOf(s);
  const play = new Autoplay(s, createExercise(s, { seed, bots: [] }));
  const orderedAt = new Map<string, { month: number; earliest: number }>();
  let conversions = 0;
  let firstUnits = 0;
  while (play.state.phase !== 'finished') {
    const month = play.state.context.game.month;
    play.playMonth();
    const g = play.state.context.game;
    for (const p of Object.values(g.plants)) {
      for (const l of p.lines) {
        const key = `${p.id}/${l.id}`;
        // Capacity added by an expansion counts once in service (ramping), before it joins nameplate.
        const inService = l.expansions.reduce((n, x) => n + (x.stage === 'ramp' ? x.add : 0), 0);
        expect(l.lastOutput, key).toBeLessThanOrEqual(l.nameplate + inService);
        if (l.state === 'retooling' && l.since === month && l.template && !orderedAt.has(key)) {
          const t = ix.templates.get(l.template)!;
          const product = t.partnerDesign ? 0 : (ix.products.get(l.target!)?.qualification?.months ?? 0);
          const q = Math.max(t.qualificationMonths, product);
          orderedAt.set(key, { month, earliest: month + t.leadMonths + q });
          conversions++;
        }
        const pending = orderedAt.get(key);
        if (pending && l.lastOutput > 0) {
          expect(month, `${key} first units`).toBeGreaterThanOrEqual(pending.earliest);
          orderedAt.delete(key);
          firstUnits++;
        }
      }
    }
    for (const t of Object.values(g.teams)) expect(t.money, t.id).toBeGreaterThanOrEqual(0);
  }
  return { play, conversions, firstUnits };
}

describe('whole playthroughs with bots in every seat', () => {
  it('the tutorial plays to the end', () => {
    const { play, conversions, firstUnits } = playChecked(tutorial, 1);
    expect(play.state.phase).toBe('finished');
    expect(play.state.context.game.history).toHaveLength(tutorial.meta.turns);
    expect(conversions).toBeGreaterThan(0);
    expect(firstUnits).toBeGreaterThan(0);
  });

  it.each(Array.from({ length: 20 }, (_, i) => i + 1))(
    'the flagship plays 24 months with seed %i',
    (seed) => {
      const { play, conversions } = playChecked(flagship, seed);
      expect(play.state.phase).toBe('finished');
      expect(play.state.context.game.history).toHaveLength(24);
      expect(conversions).toBeGreaterThan(0);
      const produced = Object.values(play.state.context.game.ledger.produced).reduce((a, b) => a + b, 0);
      expect(produced).toBeGreaterThan(0);
    },
  );
});
