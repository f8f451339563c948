import { describe, expect, it } from 'vitest';
import {
  ErrorCode,
  buildReport,
  checkReferences,
  injectStatuses,
  nextOccurrences,
  replay,
  type Inject,
  type Scenario,
} from '@arsenal/shared';
import { canonicalJSON } from '@arsenal/shared';
import { bundled, Driver, facilitator, variant } from '../helpers/scenarios.ts';

const tutorial = bundled('tutorial');
const ENG = 'engineering_change';
const inject = (s: Scenario, id: string): Inject => s.injects.find((i) => i.id === id)!;
const status = (s: Scenario, d: Driver, id: string) =>
  injectStatuses(s, d.game).find((x) => x.inject === id)!;

/** The option drawn at each occurrence, in order, over a whole game. */
function drawn(s: Scenario, seed: number, id = ENG) {
  const d = new Driver(s, seed).toPlanning();
  const out: { month: number; option: string }[] = [];
  for (let m = 1; m <= s.meta.turns; m++) {
    d.endMonth();
    for (const a of d.game.activeInjects)
      if (a.inject === id && a.option && !out.some((o) => o.month === a.startMonth))
        out.push({ month: a.startMonth, option: a.option });
  }
  return { d, out };
}

/** The tutorial with the engineering change made to recur on another schedule. */
const every = (trigger: Partial<Extract<Inject['trigger'], { type: 'recurring' }>>, duration = 0) =>
  variant(tutorial, (s) => {
    const i = inject(s, ENG);
    i.trigger = { type: 'recurring', fromMonth: 1, everyMonths: 2, ...trigger };
    i.durationMonths = duration;
  });

describe('recurring injects', () => {
  it('start in fromMonth and every everyMonths after it, no more, no less (the tutorial: months 2 and 5)', () => {
    const { d, out } = drawn(tutorial, 3);
    expect(out.map((o) => o.month)).toEqual([2, 5]);
    expect(d.game.firedInjects.filter((x) => x === ENG)).toHaveLength(2);
  });

  it('honour untilMonth and times', () => {
    expect(drawn(every({ fromMonth: 1, everyMonths: 2 }), 1).out.map((o) => o.month)).toEqual([1, 3, 5]);
    expect(drawn(every({ fromMonth: 1, everyMonths: 2, untilMonth: 4 }), 1).out.map((o) => o.month)).toEqual([
      1, 3,
    ]);
    expect(drawn(every({ fromMonth: 2, everyMonths: 1, times: 2 }), 1).out.map((o) => o.month)).toEqual([
      2, 3,
    ]);
  });

  it('a one-shot occurrence is over by the next month, quietly: the injects in force never pile up', () => {
    const s = every({ fromMonth: 1, everyMonths: 1 });
    const d = new Driver(s, 2).toPlanning();
    for (let m = 1; m <= s.meta.turns; m++) {
      d.endMonth();
      expect(d.game.activeInjects.filter((a) => a.inject === ENG)).toHaveLength(1);
    }
    expect(d.game.firedInjects.filter((x) => x === ENG)).toHaveLength(s.meta.turns);
    expect(d.game.news.some((n) => n.kind === 'inject_end' && n.data.inject === ENG)).toBe(false);
  });

  it('a lasting occurrence ends before the next starts, so its effects never stack', () => {
    const s = variant(every({ fromMonth: 1, everyMonths: 3 }, 2), (x) => {
      inject(x, ENG).effects = [{ type: 'redFires', multiplier: 1.5 }];
    });
    const d = new Driver(s, 1).toPlanning();
    for (let m = 1; m <= s.meta.turns; m++) {
      d.endMonth();
      const running = d.game.activeInjects.filter((a) => a.inject === ENG);
      expect(running.length).toBeLessThanOrEqual(1);
    }
    expect(d.game.firedInjects.filter((x) => x === ENG)).toHaveLength(2); // months 1 and 4
  });

  it('the run sheet lists the next months; fired by hand counts and pushes the schedule on', () => {
    const s = every({ fromMonth: 2, everyMonths: 2, times: 2 });
    const d = new Driver(s, 1).toPlanning();
    expect(status(s, d, ENG)).toMatchObject({ state: 'pending', recurrence: { fired: 0, next: [2, 4] } });
    d.do(facilitator, { type: 'fireInject', inject: ENG }); // month 1, by hand
    expect(status(s, d, ENG)).toMatchObject({ state: 'active', recurrence: { fired: 1, next: [2] } });
    expect(d.try(facilitator, { type: 'fireInject', inject: ENG })).toMatchObject({
      ok: false,
      code: ErrorCode.InjectSettled,
    }); // once a month at most
    d.endMonth().endMonth(); // months 1, 2: the second and last occurrence starts in month 2
    expect(status(s, d, ENG)).toMatchObject({ state: 'fired', recurrence: { fired: 2, next: [] } });
    expect(d.try(facilitator, { type: 'fireInject', inject: ENG })).toMatchObject({
      ok: false,
      code: ErrorCode.InjectSettled,
    });
  });

  it('can be fired by hand between occurrences, delayed (its schedule restarts) and suppressed', () => {
    const d = new Driver(tutorial, 1).toPlanning();
    expect(nextOccurrences(tutorial, d.game, inject(tutorial, ENG), 5)).toEqual([2, 5]);
    d.do(facilitator, { type: 'delayInject', inject: ENG, month: 3 });
    expect(nextOccurrences(tutorial, d.game, inject(tutorial, ENG), 5)).toEqual([3, 6]);
    d.endMonth().endMonth().endMonth(); // months 1–3
    expect(d.game.firedInjects.filter((x) => x === ENG)).toHaveLength(1);
    d.do(facilitator, { type: 'suppressInject', inject: ENG });
    expect(status(tutorial, d, ENG)).toMatchObject({ state: 'suppressed', recurrence: { next: [] } });
    d.endMonth().endMonth().endMonth(); // months 4–6
    expect(d.game.firedInjects.filter((x) => x === ENG)).toHaveLength(1);
  });
});

describe('injects that choose among options', () => {
  it('draw by weight with the exercise dice: the same seed draws the same, seeds differ, both options happen', () => {
    const s = every({ fromMonth: 1, everyMonths: 1 });
    const seen = new Set<string>();
    const sequences = new Set<string>();
    for (let seed = 1; seed <= 12; seed++) {
      const a = drawn(s, seed).out;
      expect(drawn(s, seed).out).toEqual(a);
      for (const o of a) seen.add(o.option);
      sequences.add(a.map((o) => o.option).join(','));
    }
    expect(seen).toEqual(new Set(['minor', 'major']));
    expect(sequences.size).toBeGreaterThan(1);
  });

  it('weights set the odds: over many draws the major change comes about a quarter of the time', () => {
    const s = variant(every({ fromMonth: 1, everyMonths: 1 }), (x) => (x.meta.turns = 24));
    let major = 0;
    let all = 0;
    for (let seed = 1; seed <= 20; seed++)
      for (const o of drawn(s, seed).out) {
        all++;
        if (o.option === 'major') major++;
      }
    expect(all).toBe(20 * 24);
    // weight 1 of 4: 120 expected, binomial sd ≈ 9.5; ±4 sd
    expect(major).toBeGreaterThan(82);
    expect(major).toBeLessThan(158);
  });

  it("the drawn option's effects apply: a major change slips qualification, a minor one does not", () => {
    const s = every({ fromMonth: 1, everyMonths: 1 });
    for (let seed = 1; seed <= 8; seed++) {
      const d = new Driver(s, seed).toPlanning();
      d.do(facilitator, { type: 'adjudicate' });
      const g = d.state.context.review?.game ?? d.game;
      const option = g.activeInjects.find((a) => a.inject === ENG)?.option;
      expect(['minor', 'major']).toContain(option);
      const eff = g.activeInjects.find((a) => a.inject === ENG)!.effects;
      expect(eff.some((e) => e.type === 'qualificationDelay')).toBe(option === 'major');
      expect(g.news.some((n) => n.data.key === 'inject.option' && n.data.option === option)).toBe(true);
    }
  });

  it('a replay of the log draws the same options, and the report names each occurrence with its option', () => {
    const { d, out } = drawn(tutorial, 5);
    const again = replay(tutorial, { seed: 5, bots: [] }, d.log);
    expect(canonicalJSON(again)).toBe(canonicalJSON(d.state));
    const report = buildReport(tutorial, { seed: 5, bots: [] }, d.log);
    const rows = report.injects.filter((i) => i.id === ENG);
    expect(rows.map((r) => r.startMonth)).toEqual(out.map((o) => o.month));
    const labels = new Map(inject(tutorial, ENG).options!.map((o) => [o.id, o.label as string]));
    expect(rows.map((r) => r.option)).toEqual(out.map((o) => labels.get(o.option)));
    for (const [i, r] of rows.entries())
      expect(r.effects.some((e) => e.startsWith('Lines in qualification need'))).toBe(
        out[i]!.option === 'major',
      );
  });

  it('a hand-fired choice draws from the logged dice too: a fork of the log fires the same option', () => {
    const s = every({ fromMonth: 6, everyMonths: 1 });
    const d = new Driver(s, 9).toPlanning();
    d.do(facilitator, { type: 'fireInject', inject: ENG });
    const opt = d.game.activeInjects.find((a) => a.inject === ENG)?.option;
    expect(opt).toBeDefined();
    const again = replay(s, { seed: 9, bots: [] }, d.log);
    expect(again.context.game.activeInjects.find((a) => a.inject === ENG)?.option).toBe(opt);
  });
});

describe('the checker', () => {
  const errors = (edit: (i: Inject) => void) =>
    checkReferences(variant(tutorial, (s) => edit(inject(s, ENG)))).map((e) => `${e.path}: ${e.message}`);

  it('refuses schedules that cannot work, naming the path', () => {
    expect(errors((i) => (i.trigger = { type: 'recurring', fromMonth: 9, everyMonths: 2 }))).toContainEqual(
      expect.stringMatching(/^injects\.3\.trigger\.fromMonth: month 9 is after the last turn/),
    );
    expect(
      errors((i) => (i.trigger = { type: 'recurring', fromMonth: 3, everyMonths: 2, untilMonth: 2 })),
    ).toContainEqual(expect.stringMatching(/^injects\.3\.trigger\.untilMonth:/));
    expect(errors((i) => (i.durationMonths = 4))).toContainEqual(
      expect.stringMatching(/^injects\.3\.durationMonths: an occurrence must be over before the next/),
    );
    expect(
      errors((i) => {
        i.effects = [{ type: 'redFires', multiplier: 2 }];
      }),
    ).toContainEqual(expect.stringMatching(/^injects\.3\.durationMonths: .*"redFires".*needs a duration/));
  });

  it('refuses an inject with neither effects nor options, duplicate option ids and bad references in options', () => {
    expect(
      errors((i) => {
        i.effects = [];
        delete i.options;
      }),
    ).toContainEqual(expect.stringMatching(/^injects\.3\.effects: an inject needs effects, options/));
    expect(errors((i) => (i.options![1]!.id = 'minor'))).toContainEqual(
      expect.stringMatching(/^injects\.3\.options/),
    );
    expect(
      errors((i) => i.options![1]!.effects.push({ type: 'lineStoppage', plant: 'nowhere', months: 1 })),
    ).toContainEqual('injects.3.options.1.effects.1.plant: unknown plant "nowhere"');
    expect(errors(() => undefined)).toEqual([]);
  });
});
