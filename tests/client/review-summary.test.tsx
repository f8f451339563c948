// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Autoplay, createExercise, viewFor, type GameState } from '@arsenal/shared';
import { ReviewSummary } from '../../client/src/screens/facilitator/ReviewSummary.tsx';
import { namesFor } from '../../client/src/ui/names.ts';
import { bundled } from '../helpers/scenarios.ts';
import { renderIn } from './render.tsx';

afterEach(cleanup);

/**
 * The review's per-team table, rendered from the real facilitator view of a bot-played flagship
 * month in review: what it shows must be the engine's figures, before (the state the month started
 * from) and after (the adjudicated state).
 */
describe('the review, team by team', () => {
  const s = bundled('france-2025');
  const play = new Autoplay(s, createExercise(s, { seed: 3, bots: [] })).play(5);
  play.botsPlay();
  play.send({ role: 'facilitator' }, { type: 'adjudicate' });
  const before: GameState = play.state.context.game;
  const after: GameState = play.state.context.review!.game;
  const view = viewFor(s, play.state, { role: 'facilitator' });
  const names = namesFor(s, view);

  const row = (team: string) => {
    const r = document.querySelector<HTMLElement>(`.review-teams tr[data-team="${team}"]`);
    if (!r) throw new Error(`no row for ${team}`);
    return r;
  };
  const cell = (team: string, figure: string) =>
    row(team).querySelector<HTMLElement>(`[data-figure="${figure}"]`)!;
  const num = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 0 });

  it('is in review, and some team made goods and some had units due', () => {
    expect(play.state.phase).toBe('review');
    const made = Object.values(after.plants).some((p) => p.lines.some((l) => l.lastOutput > 0));
    expect(made).toBe(true);
    expect(s.teams.some((t) => after.teams[t.id]!.unitsDue > before.teams[t.id]!.unitsDue)).toBe(true);
  });

  it('shows each team’s stock at home before → after, item by item, as the engine holds it', () => {
    renderIn(<ReviewSummary view={view} names={names} drafts={null} />);
    let checked = 0;
    for (const t of s.teams) {
      const items = new Set(
        [...Object.entries(before.teams[t.id]!.stock), ...Object.entries(after.teams[t.id]!.stock)]
          .filter(([, n]) => n > 0)
          .map(([item]) => item),
      );
      const shown = Array.from(cell(t.id, 'stock').querySelectorAll('li'));
      expect(shown.map((li) => li.dataset.item).sort()).toEqual([...items].sort());
      for (const li of shown) {
        const item = li.dataset.item!;
        const b = before.teams[t.id]!.stock[item] ?? 0;
        const a = after.teams[t.id]!.stock[item] ?? 0;
        expect(li.textContent).toBe(`${names.item(item)} ${num(b)} → ${num(a)}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('shows what each team’s lines made that month, product by product', () => {
    renderIn(<ReviewSummary view={view} names={names} drafts={null} />);
    for (const t of s.teams) {
      const made: Record<string, number> = {};
      for (const p of Object.values(after.plants))
        if (p.owner === t.id)
          for (const l of p.lines)
            if (l.product && l.lastOutput > 0) made[l.product] = (made[l.product] ?? 0) + l.lastOutput;
      const shown = Object.fromEntries(
        Array.from(cell(t.id, 'made').querySelectorAll('li')).map((li) => [li.dataset.item!, li.textContent]),
      );
      expect(shown).toEqual(
        Object.fromEntries(Object.entries(made).map(([p, n]) => [p, `${names.item(p)} ${num(n)}`])),
      );
    }
  });

  it('shows units shipped against units due on each team’s contracts, a shortfall marked', () => {
    renderIn(<ReviewSummary view={view} names={names} drafts={null} />);
    for (const t of s.teams) {
      const due = after.teams[t.id]!.unitsDue - before.teams[t.id]!.unitsDue;
      const shipped = after.teams[t.id]!.unitsOnTime - before.teams[t.id]!.unitsOnTime;
      const c = cell(t.id, 'shipped');
      expect(c.textContent).toBe(
        due > 0 ? `${num(shipped)} / ${num(due)}${shipped < due ? ' (short)' : ''}` : '—',
      );
      expect(c.dataset.short).toBe(String(shipped < due));
      expect(c.classList.contains('shortfall')).toBe(shipped < due);
    }
    expect(within(screen.getByRole('table', { name: /Teams/ })).getByText('Shipped / due')).toBeTruthy();
  });
});
