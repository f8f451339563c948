import { describe, expect, it } from 'vitest';
import {
  applyVariant,
  mean,
  noiseFloor,
  parseVariant,
  runSeed,
  strengthsOf,
  type SeedOutcome,
  type Variant,
} from '@arsenal/shared';
import { bundled } from '../helpers/scenarios.ts';

/**
 * Lessons of the flagship that bot play must show, over enough seeds to be outside noise: each
 * assertion compares means of two variants played on the same seeds and requires the gap to exceed
 * the seed noise floor the balance tool measures on those seeds (`noiseFloor`: the larger of the
 * split-half gap and 2√2 standard errors; the larger of the two variants'), and, where stated, a
 * margin; a figure held against a bound must clear it by its own noise floor. Twenty seeds × 24
 * months per variant: ten variants, 200 games in all (~60 s on a quiet machine).
 */
const flagship = bundled('france-2025');
const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

const runs = new Map<string, SeedOutcome[]>();
function play(text: string): SeedOutcome[] {
  const known = runs.get(text);
  if (known) return known;
  const v = parseVariant(text) as Variant;
  const s = applyVariant(flagship, v);
  const out = SEEDS.map((seed) => runSeed(s, seed, strengthsOf(flagship, v)));
  runs.set(text, out);
  return out;
}

const figure = (runs: SeedOutcome[], key: string) => runs.map((r) => r.values[key] ?? 0);

/** Mean of `key` under `better` minus under `worse`, and the larger noise floor of the two. */
function gap(better: string, worse: string, key: string) {
  const a = figure(play(better), key);
  const b = figure(play(worse), key);
  return { delta: mean(a) - mean(b), noise: Math.max(noiseFloor(a).noise, noiseFloor(b).noise) };
}

/**
 * The same, paired seed by seed (both variants meet the same dice until they diverge): the mean of
 * the per-seed differences, its noise (the larger of their 95 % band, two standard errors of the
 * differences, and the balance tool's noise floor of either variant), and the share of seeds where
 * `better` came out ahead.
 */
function pairedGap(better: string, worse: string, key: string) {
  const a = figure(play(better), key);
  const b = figure(play(worse), key);
  const d = a.map((x, i) => x - b[i]!);
  const m = mean(d);
  const sd = Math.sqrt(d.reduce((acc, x) => acc + (x - m) ** 2, 0) / (d.length - 1));
  const floor = Math.max(noiseFloor(a).noise, noiseFloor(b).noise);
  return {
    delta: m,
    noise: Math.max((2 * sd) / Math.sqrt(d.length), floor),
    ahead: d.filter((x) => x > 0).length / d.length,
    base: mean(b),
  };
}

const COMPETENT = 'bots=competent';

describe('flagship lessons in bot play', () => {
  it('competent Blue holds more ground than passive Blue, beyond seed noise', () => {
    for (const front of ['donbas', 'air_ua']) {
      const g = gap(COMPETENT, 'bots=competent,bots.blue=passive', `territory.${front}`);
      expect(g.delta, front).toBeGreaterThan(g.noise);
    }
  });

  it('competent Blue beats plain Blue on the Donbas by at least 4 steps, beyond seed noise', () => {
    const g = gap(COMPETENT, 'bots=plain', 'territory.donbas');
    expect(g.delta).toBeGreaterThan(Math.max(4, g.noise));
  });

  it('objectives reward play, not inaction: competent Blue meets more than plain, plain more than passive', () => {
    // every objective needs something achieved (a share over a real book, cash with deliveries):
    // passive Blue meets none
    const passive = 'bots=competent,bots.blue=passive';
    expect(Math.max(...figure(play(passive), 'objectives.blue'))).toBe(0);
    const low = gap('bots=plain', passive, 'objectives.blue');
    expect(low.delta).toBeGreaterThan(Math.max(3, 2 * low.noise));
    const high = gap(COMPETENT, 'bots=plain', 'objectives.blue');
    expect(high.delta).toBeGreaterThan(Math.max(3, 2 * high.noise));
  });

  it('competent bots leave no seat with more than 70 % of its money unspent', () => {
    for (const t of flagship.teams) {
      const unspent = figure(play(COMPETENT), `unspent.${t.id}`);
      expect(Math.max(...unspent), t.id).toBeLessThanOrEqual(0.7);
    }
  });

  it('multi-year contracts raise the prime’s capex by half and 155 mm output by a tenth, beyond noise', () => {
    const multi = `${COMPETENT},lever.multiYear=on`;
    const capex = gap(multi, COMPETENT, 'capex.prime');
    expect(capex.delta).toBeGreaterThan(capex.noise);
    expect(mean(figure(play(multi), 'capex.prime'))).toBeGreaterThan(
      1.5 * mean(figure(play(COMPETENT), 'capex.prime')),
    );
    const shells = gap(multi, COMPETENT, 'output.shell_155');
    expect(shells.delta).toBeGreaterThan(shells.noise);
    // a tenth (it was a fifth while fuzes starved the baseline's line: ~+30,000 shells either way)
    expect(mean(figure(play(multi), 'output.shell_155'))).toBeGreaterThan(
      1.1 * mean(figure(play(COMPETENT), 'output.shell_155')),
    );
  });

  it('subsidising the energetics chokepoint raises 155 mm output by a tenth, beyond noise', () => {
    const off = `${COMPETENT},lever.subsidies=off`;
    expect(Math.min(...figure(play(COMPETENT), 'capex.energetics'))).toBeGreaterThan(0);
    expect(Math.max(...figure(play(off), 'capex.energetics'))).toBe(0);
    const shells = gap(COMPETENT, off, 'output.shell_155');
    expect(shells.delta).toBeGreaterThan(shells.noise);
    expect(mean(figure(play(COMPETENT), 'output.shell_155'))).toBeGreaterThan(
      1.1 * mean(figure(play(off), 'output.shell_155')),
    );
  });

  it('priority ratings move rated deliveries ahead of unrated ones from the same seller, beyond noise', () => {
    // the summit unlocks ratings (and multi-year contracts) in month 3; without it nothing is rated
    const summit = `${COMPETENT},inject.summit@3`;
    const lead = figure(play(summit), 'fill.ratedOverUnrated');
    expect(mean(lead)).toBeGreaterThan(Math.max(0.02, noiseFloor(lead).noise));
    // rated contracts as a whole are filled further than unrated ones, by more than either's noise
    const rated = figure(play(summit), 'fill.rated');
    const unrated = figure(play(summit), 'fill.unrated');
    expect(mean(rated) - mean(unrated)).toBeGreaterThan(
      Math.max(0.02, noiseFloor(rated).noise, noiseFloor(unrated).noise),
    );
    expect(Math.min(...lead)).toBeGreaterThan(0);
    expect(figure(play(COMPETENT), 'fill.ratedOverUnrated')).toEqual(SEEDS.map(() => 0));
  });

  it('the cotton-linter halt (a chokepoint inject) lowers 155 mm output and deliveries, beyond noise', () => {
    // forced at month 3 against never (it is a chance inject: most seeds draw it by themselves); the
    // end item that depends on the chokepoint, not only the nitrocellulose itself
    const off = `${COMPETENT},inject.linter_halt=off`;
    const forced = `${COMPETENT},inject.linter_halt@3`;
    // a twentieth of the shells made; deliveries fall by as much (they also count ready shells bought
    // abroad, which no linter halt touches, so the margin is of the shells made)
    const made = pairedGap(off, forced, 'output.shell_155').base;
    for (const key of ['output.shell_155', 'delivered.shell_155']) {
      const g = pairedGap(off, forced, key);
      expect(g.delta, key).toBeGreaterThan(Math.max(g.noise, 0.05 * made));
      expect(g.ahead, key).toBeGreaterThanOrEqual(0.75);
    }
    const nc = pairedGap(off, forced, 'output.nc_propellant');
    expect(nc.delta).toBeGreaterThan(nc.noise);
  });

  it('competent procurement subsidises the energetics chokepoint, which plain play never does', () => {
    expect(Math.max(...figure(play('bots=plain'), 'capex.energetics'))).toBe(0);
  });

  it('with competent bots Red wins in under half the seeds, beyond noise', () => {
    const wins = figure(play(COMPETENT), 'redWins');
    expect(mean(wins) + noiseFloor(wins).noise).toBeLessThan(0.5);
  });

  it('with competent bots the fronts are not all lost in every seed, beyond noise', () => {
    const lost = figure(play(COMPETENT), 'frontsLost');
    const all = flagship.fronts.length;
    expect(mean(lost) + noiseFloor(lost).noise).toBeLessThan(all);
    // most seeds keep some front, and some seeds lose none
    expect(lost.filter((n) => n === all).length).toBeLessThan(SEEDS.length / 2);
    expect(lost.filter((n) => n === 0).length).toBeGreaterThan(0);
  });

  it('conversion takes months: the car maker’s first Chorus comes at least its template’s months after the order', () => {
    // Only the car maker's civil lines suit template B (Chorus airframes); it converts one in every seed.
    const tpl = flagship.templates.find((t) => t.id === 'airframe_b')!;
    const months = figure(play(COMPETENT), 'conversionMonths.chorus');
    expect(Math.min(...months)).toBeGreaterThanOrEqual(tpl.leadMonths + tpl.qualificationMonths);
    // and a Chorus line takes months longer than an FPV line of template A (a month to first output)
    const fpv = figure(play(COMPETENT), 'conversionMonths.fpv_rf');
    expect(mean(months) - mean(fpv)).toBeGreaterThan(
      Math.max(3, noiseFloor(months).noise, noiseFloor(fpv).noise),
    );
  });

  it('the government’s political capital matters: its waiver brings more Chorus than a government that keeps it', () => {
    // the competent government spends 20 of its 60 on one of its two concessions (it must keep 40):
    // the qualification waiver, the earlier threat; a plain government spends none
    const spent = figure(play(COMPETENT), 'politicalCapital.gov');
    expect(spent).toEqual(SEEDS.map(() => 40));
    expect(figure(play(`${COMPETENT},bots.gov=plain`), 'politicalCapital.gov')).toEqual(SEEDS.map(() => 60));
    const g = pairedGap(COMPETENT, `${COMPETENT},bots.gov=plain`, 'delivered.chorus');
    expect(g.delta).toBeGreaterThan(Math.max(g.noise, 0.2 * g.base));
    expect(g.ahead).toBeGreaterThanOrEqual(0.75);
  });

  it('the alliance’s capital and money matter: its tooling slots bring more interceptors than an alliance that passes its money on', () => {
    // the competent alliance keeps €150M back and spends 30 of its 40 on one of its two concessions:
    // tooling slots against the machine-tool shock (month 9), the earlier threat; a plain one never
    // concedes and passes half its cash on
    const plainAlliance = `${COMPETENT},bots.alliance=plain`;
    expect(figure(play(COMPETENT), 'politicalCapital.alliance')).toEqual(SEEDS.map(() => 10));
    expect(figure(play(plainAlliance), 'politicalCapital.alliance')).toEqual(SEEDS.map(() => 40));
    // expansions ordered from month 9 arrive on time: the drone maker's interceptor lines
    const g = pairedGap(COMPETENT, plainAlliance, 'delivered.interceptor');
    expect(g.delta).toBeGreaterThan(Math.max(g.noise, 0.1 * g.base));
    expect(g.ahead).toBeGreaterThanOrEqual(0.75);
    const objectives = gap(COMPETENT, plainAlliance, 'objectives.blue');
    expect(objectives.delta).toBeGreaterThan(objectives.noise);
  });
});
