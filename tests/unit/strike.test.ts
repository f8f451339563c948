import { describe, expect, it } from 'vitest';
import { botCommands, strikeTargets, type GameState, type Scenario } from '@arsenal/shared';
import { bundled, Driver, teamActor, variant } from '../helpers/scenarios.ts';

const flagship = bundled('france-2025');

/** The flagship after one month with no orders: every line at rate made its usual output. */
function afterOneMonth(s: Scenario): Driver {
  return new Driver(s).toPlanning().endMonth();
}

const unitsMade = (g: GameState, plant: string) =>
  g.plants[plant]!.lines.reduce((n, l) => n + l.lastOutput, 0);

describe('adversary strike targeting follows the scenario rule (defect 6)', () => {
  it('outputValue ranks plants by last month’s output in euros, not by units (kilograms of powder lose)', () => {
    const s = variant(flagship, (x) => (x.rules.strike.target = 'outputValue'));
    const g = new Driver(s).toPlanning().game;
    const made = (plant: string, line: string, units: number) =>
      (g.plants[plant]!.lines.find((l) => l.id === line)!.lastOutput = units);
    made('bergerac', 'nc_line', 100_000); // kg × €30 = €3M
    made('bourges', 'shell_155', 1_000); // × €4,400 = €4.4M
    made('toulouse', 'fpv', 2_000); // × €700 = €1.4M
    const byUnits = Object.keys(g.plants).sort((a, b) => unitsMade(g, b) - unitsMade(g, a))[0];
    expect(byUnits).toBe('bergerac'); // the old rule's target
    expect(strikeTargets(s, g, 'russia')).toEqual([
      { plant: 'bourges', value: 4_400_000 },
      { plant: 'bergerac', value: 3_000_000 },
      { plant: 'toulouse', value: 1_400_000 },
    ]);
  });

  it('criticality ranks plants by the criticality the scenario gives them; a plant already down drops out', () => {
    const g = afterOneMonth(flagship).game;
    expect(strikeTargets(flagship, g, 'russia').map((t) => t.plant)).toEqual([
      'bergerac',
      'sorgues',
      'bourges',
      'toulouse',
      'le_mans',
      'flins',
    ]);
    for (const l of g.plants.bergerac!.lines) l.state = 'damaged';
    expect(strikeTargets(flagship, g, 'russia')[0]!.plant).toBe('sorgues');
  });

  it('a plant with no criticality is never a target under the criticality rule', () => {
    const s = variant(flagship, (x) => x.plants.forEach((p) => (p.criticality = p.id === 'flins' ? 1 : 0)));
    expect(strikeTargets(s, afterOneMonth(s).game, 'russia')).toEqual([{ plant: 'flins', value: 1 }]);
  });

  it.each(['plain', 'competent'] as const)(
    'the %s Red bot strikes the first target of the rule',
    (strength) => {
      for (const target of ['outputValue', 'criticality'] as const) {
        const s = variant(flagship, (x) => (x.rules.strike.target = target));
        const d = afterOneMonth(s);
        if (strength === 'competent')
          d.do({ role: 'facilitator' }, { type: 'setBot', team: 'russia', bot: true, strength: 'competent' });
        const strikes = botCommands(s, d.state, 'russia')
          .flatMap((c) => (c.type === 'submitOrders' ? c.orders : []))
          .filter((o) => o.type === 'strike');
        expect(strikes).toEqual([{ type: 'strike', plant: strikeTargets(s, d.game, 'russia')[0]!.plant }]);
        // and the engine accepts it
        expect(d.try(teamActor('russia'), { type: 'submitOrders', orders: strikes }).ok).toBe(true);
      }
    },
  );
});
