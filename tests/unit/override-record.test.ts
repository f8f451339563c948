import { describe, expect, it } from 'vitest';
import { Autoplay, buildReport, createExercise, reportCsv, reportHtml, viewFor } from '@arsenal/shared';
import { newsText } from '@arsenal/shared';
import { compareKpis } from '@arsenal/shared';
import { bundled, facilitator } from '../helpers/scenarios.ts';

const tutorial = bundled('tutorial');
const setup = { seed: 5, bots: [] };

/**
 * Bots play the tutorial's first month; in review the White Cell moves the eastern ground twice and
 * DGA's cash once (DGA alone is told), then publishes. Everything after review reads the published
 * figures.
 */
function played() {
  const play = new Autoplay(tutorial, createExercise(tutorial, setup), () => 1_700_000_000_000);
  play.send(facilitator, { type: 'startPlanning' });
  play.botsPlay();
  play.send(facilitator, { type: 'adjudicate' });
  const review = play.state.context.review!.game;
  const ground = review.fronts.east!.territory;
  const cash = review.teams.dga!.money;
  const ok = [
    play.send(facilitator, {
      type: 'override',
      target: { kind: 'territory', front: 'east' },
      value: ground + 2,
      reason: 'first try',
    }),
    play.send(facilitator, {
      type: 'override',
      target: { kind: 'territory', front: 'east' },
      value: ground + 3,
      reason: 'counter-attack held the river',
    }),
    play.send(facilitator, {
      type: 'override',
      target: { kind: 'money', team: 'dga' },
      value: cash + 1_000_000,
      reason: 'late appropriation',
    }),
  ];
  const inReview = play.state;
  play.send(facilitator, { type: 'publish' });
  return { play, inReview, ground, cash, ok };
}

describe('an override reaches the record', () => {
  const { play, inReview, ground, cash, ok } = played();
  const g = play.state.context.game;
  const month = g.history[0]!;

  it('is accepted, and the month’s record carries the published figures', () => {
    expect(ok).toEqual([true, true, true]);
    expect(inReview.context.review!.game.history.at(-1)!.territory.east).toBe(ground + 3);
    expect(month.territory.east).toBe(ground + 3);
    expect(month.money.dga).toBe(Math.round(cash + 1_000_000));
    // the scenario's KPI and the army's objective read the same ground
    expect(month.kpis['*']!.territory).toBe(ground + 3);
    expect(month.kpis.army!.territory).toBe(ground + 3);
  });

  it('records each override as adjudicated → published, with its reason', () => {
    expect(inReview.context.overrides.map((o) => [o.target, o.adjudicated, o.from, o.to, o.reason])).toEqual([
      ['territory:east', ground, ground, ground + 2, 'first try'],
      ['territory:east', ground, ground + 2, ground + 3, 'counter-attack held the river'],
      ['money:dga', cash, cash, cash + 1_000_000, 'late appropriation'],
    ]);
  });

  it('report.csv, the HTML report and the fork comparison show the published ground', () => {
    const report = buildReport(tutorial, setup, play.log);
    const csv = reportCsv(tutorial, report);
    expect(csv).toContain(`1,2025-02,*,territory,${ground + 3}\n`);
    expect(csv).not.toContain(`1,2025-02,*,territory,${ground}\n`);
    const html = reportHtml(tutorial, report);
    expect(html).toContain(`adjudicated ${ground} → published ${ground + 3}`);
    expect(html).toContain('counter-attack held the river');
    const series = compareKpis(tutorial, g.history, g.history).find((x) => x.key === 'territory.east')!;
    expect(series.points[0]).toEqual({ month: 1, original: ground + 3, fork: ground + 3 });
  });

  it('tells the team concerned (or everyone, for a front) "White Cell adjusted …", once per figure', () => {
    const told = g.news.filter((n) => n.kind === 'override');
    expect(told).toHaveLength(2);
    const front = told.find((n) => n.data?.target === 'territory:east')!;
    expect(front.to).toBeUndefined();
    expect(newsText(tutorial, front)).toBe(
      `White Cell adjusted the ground on Eastern sector (Donbas): adjudicated ${ground} → published ${ground + 3} (counter-attack held the river).`,
    );
    const money = told.find((n) => n.data?.target === 'money:dga')!;
    expect(money.to).toEqual(['dga']);
    expect(money.data).toMatchObject({ key: 'override.money', fromEur: cash, toEur: cash + 1_000_000 });
    const seen = (team: string) =>
      viewFor(tutorial, play.state, { role: 'team', team }).news.filter((n) => n.kind === 'override');
    expect(seen('dga')).toHaveLength(2);
    expect(seen('autoco').map((n) => n.data?.target)).toEqual(['territory:east']);
    expect(JSON.stringify(viewFor(tutorial, play.state, { role: 'display' }))).not.toContain(
      'late appropriation',
    );
  });

  it('tells everyone when the facilitator chooses so', () => {
    const p = new Autoplay(tutorial, createExercise(tutorial, setup));
    p.send(facilitator, { type: 'startPlanning' });
    p.send(facilitator, { type: 'adjudicate' });
    expect(
      p.send(facilitator, {
        type: 'override',
        target: { kind: 'politicalCapital', team: 'dga' },
        value: 7,
        reason: 'summit bonus',
        tell: 'all',
      }),
    ).toBe(true);
    p.send(facilitator, { type: 'publish' });
    const news = viewFor(tutorial, p.state, { role: 'team', team: 'autoco' }).news;
    expect(
      newsText(
        tutorial,
        news.find((n) => n.kind === 'override')!,
      ),
    ).toContain('political capital of');
  });
});
