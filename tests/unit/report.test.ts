import { describe, expect, it } from 'vitest';
import {
  Autoplay,
  buildReport,
  createExercise,
  hashState,
  replay,
  reportCsv,
  reportHtml,
} from '@arsenal/shared';
import { markup, raw } from '../../shared/src/report/html.ts';
import { bundled, facilitator } from '../helpers/scenarios.ts';

const tutorial = bundled('tutorial');

/** Bots play three tutorial months; the facilitator overrides a figure and writes a hostile note. */
function exercise() {
  const play = new Autoplay(
    tutorial,
    createExercise(tutorial, { seed: 5, bots: [] }),
    () => 1_700_000_000_000,
  );
  play.playMonth();
  play.send(facilitator, { type: 'note', text: '<script>alert(1)</script> watch the DGA', kind: 'note' });
  play.send({ role: 'team', team: 'dga' }, { type: 'message', to: 'autoco', text: 'private' });
  play.botsPlay();
  play.send(facilitator, { type: 'adjudicate' });
  play.send(facilitator, {
    type: 'override',
    target: { kind: 'territory', front: 'east' },
    value: 0,
    reason: 'White cell ruling: counter-attack',
  });
  play.send(facilitator, { type: 'publish' });
  play.playMonth();
  return play;
}

describe('after-action report', () => {
  const play = exercise();
  const report = buildReport(tutorial, { seed: 5, bots: [] }, play.log);

  it('is a fold of the log: same final state as the live exercise', () => {
    expect(report.monthsPlayed).toBe(3);
    expect(report.finalHash).toBe(hashState(play.state));
    expect(report.finalHash).toBe(hashState(replay(tutorial, { seed: 5, bots: [] }, play.log)));
    expect(report.history).toEqual(play.state.context.game.history);
  });

  it('lists objectives per team, decisions per month, overrides with reasons, notes and injects', () => {
    expect(report.teams.map((t) => t.id)).toEqual(['dga', 'autoco', 'army']);
    expect(report.teams[0]!.objectives[0]).toMatchObject({ id: 'fpv_delivered', target: 5000 });
    expect(
      report.months[0]!.decisions.some((d) => d.team === 'dga' && d.text.startsWith('offers to buy')),
    ).toBe(true);
    expect(report.overrides).toEqual([
      expect.objectContaining({
        target: 'territory:east',
        to: 0,
        reason: 'White cell ruling: counter-attack',
        month: 2,
      }),
    ]);
    expect(report.notes.map((n) => n.text)).toEqual(['<script>alert(1)</script> watch the DGA']);
    expect(report.months[2]!.injects.map((i) => i.id)).toEqual(['china_squeeze']);
    expect(report.injects.find((i) => i.id === 'china_squeeze')).toMatchObject({
      id: 'china_squeeze',
      startMonth: 3,
      endMonth: 5,
    });
  });

  it('its CSV holds every KPI of every month, exactly as in the log’s fold', () => {
    const rows = reportCsv(tutorial, report).trim().split('\n');
    expect(rows[0]).toBe('month,label,team,kpi,value');
    const expected = play.state.context.game.history.flatMap((h) =>
      Object.entries(h.kpis).flatMap(([team, kpis]) =>
        Object.entries(kpis).map(([k, v]) => `${h.month},${team},${k},${v}`),
      ),
    );
    const actual = rows.slice(1).map((r) => {
      const [month, , team, kpi, value] = r.split(',');
      return `${month},${team},${kpi},${value}`;
    });
    expect(actual).toEqual(expected);
  });

  it('renders printable HTML with every value escaped and no private messages', () => {
    const html = reportHtml(tutorial, report);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; watch the DGA');
    expect(html).not.toContain('<script>');
    expect(html).toContain('White cell ruling: counter-attack');
    expect(html).not.toContain('private');
    expect(html).toMatch(/^<!doctype html>/);
  });
});

describe('report markup escapes by default', () => {
  it('escapes every interpolated value, keeps nested markup, joins lists, and takes raw text only when marked', () => {
    const name = `<img src=x onerror="alert('1')">&`;
    const page = markup`<ul>${[name, 2].map((v) => markup`<li>${v}</li>`)}</ul>${raw('<hr>')}${null}`;
    expect(page.text).toBe(
      '<ul><li>&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;</li><li>2</li></ul><hr>',
    );
    expect(markup`<p>${'<hr>'}</p>`.text).toBe('<p>&lt;hr&gt;</p>');
  });
});
