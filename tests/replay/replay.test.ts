import { describe, expect, it } from 'vitest';
import {
  hashState,
  lookaheadTrial,
  lookaheadTrials,
  planFork,
  Timeline,
  verifyExport,
  viewFor,
  Autoplay,
  type ExerciseSetup,
} from '@arsenal/shared';
import { bundled, facilitator } from '../helpers/scenarios.ts';
import { exportOf, recordedPlay, shuffled, tickingClock } from './helpers.ts';

const tutorial = bundled('tutorial');
const flagship = bundled('france-2025');

describe('replay equals the live exercise at every seq', () => {
  it('for 50 seeded bot exercises of the tutorial, through an export file and its verification', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const setup: ExerciseSetup = { seed, bots: seed % 3 === 0 ? ['army'] : [] };
      const live = recordedPlay(tutorial, setup);
      const file = JSON.stringify(exportOf(tutorial, setup, live.log, live.state));
      const verified = verifyExport(file);
      if (!verified.ok) throw new Error(`seed ${seed}: ${verified.code} ${verified.message}`);
      const timeline = verified.timeline;
      expect(timeline.lastSeq).toBe(live.log.length);
      // Visit every seq in a shuffled order (cold jumps, backwards and forwards), then in order.
      const seqs = live.states.map((_, i) => i + 1);
      for (const seq of [...shuffled(seqs, seed), ...seqs])
        expect(hashState(timeline.stateAt(seq)), `seed ${seed} seq ${seq}`).toBe(
          hashState(live.states[seq - 1]!),
        );
    }
  });

  it('for a few flagship months, in shuffled order', () => {
    for (const seed of [3, 11]) {
      const setup = { seed, bots: [] };
      const live = recordedPlay(flagship, setup, 3);
      const timeline = new Timeline(flagship, setup, live.log, { trusted: true });
      for (const seq of shuffled(
        live.states.map((_, i) => i + 1),
        seed,
      ))
        expect(hashState(timeline.stateAt(seq))).toBe(hashState(live.states[seq - 1]!));
      expect(timeline.monthsPlayed).toBe(3);
      expect(timeline.months.map((m) => m.endSeq)).toEqual(
        live.log.filter((e) => e.command.type === 'publish').map((e) => e.seq),
      );
    }
  });

  it('shows any audience exactly what viewFor gives it at that point (fog of war)', () => {
    const setup = { seed: 4, bots: [] };
    const live = recordedPlay(tutorial, setup, 2);
    const timeline = new Timeline(tutorial, setup, live.log);
    for (const seq of [1, 7, live.log.length]) {
      const team = { role: 'team', team: 'autoco' } as const;
      expect(timeline.viewAt(seq, team)).toEqual(viewFor(tutorial, live.states[seq - 1]!, team));
      expect(timeline.viewAt(seq, team).all).toBeUndefined();
    }
    const visible = timeline.visibleSeqs({ role: 'team', team: 'autoco' });
    const orders = live.log.filter((e) => e.command.type === 'submitOrders');
    for (const e of orders)
      expect(visible.includes(e.seq)).toBe(e.actor.role === 'team' && e.actor.team === 'autoco');
  });
});

describe('fork', () => {
  const setup = { seed: 8, bots: [] };
  const live = recordedPlay(tutorial, setup, 4);
  const timeline = new Timeline(tutorial, setup, live.log, { trusted: true });

  it('copies the prefix up to the end of a month; with the same dice, bots replay the original month', () => {
    const plan = planFork(timeline, { month: 2, at: 5 });
    if ('ok' in plan) throw new Error(plan.message);
    expect(plan.fromSeq).toBe(timeline.endOfMonth(2));
    expect(plan.log).toEqual(live.log.slice(0, plan.fromSeq));
    expect(hashState(plan.state)).toBe(hashState(live.states[plan.fromSeq - 1]!));
    const fork = new Autoplay(tutorial, plan.state).play(1);
    expect(hashState({ ...fork.state, context: { ...fork.state.context, seq: 0, lastAt: 0 } })).toBe(
      hashState({
        ...timeline.stateAt(timeline.endOfMonth(3)!),
        context: { ...timeline.stateAt(timeline.endOfMonth(3)!).context, seq: 0, lastAt: 0 },
      }),
    );
  });

  it('with a new seed logs a reseed after the prefix: the fork then plays like a look-ahead trial', () => {
    const plan = planFork(timeline, { month: 2, seed: 77, bots: ['army'], at: 5 });
    if ('ok' in plan) throw new Error(plan.message);
    expect(plan.added.map((e) => e.command)).toEqual([
      { type: 'reseed', seed: 77 },
      { type: 'setBot', team: 'army', bot: true },
    ]);
    expect(plan.added.every((e) => e.actor.role === 'facilitator')).toBe(true);
    const start = timeline.stateAt(plan.fromSeq);
    const trial = lookaheadTrial(tutorial, start, 1, 77);
    const fork = new Autoplay(tutorial, plan.state).play(1);
    const g = fork.state.context.game;
    expect(Object.fromEntries(Object.values(g.fronts).map((f) => [f.id, f.territory]))).toEqual(
      trial.territory,
    );
    expect(g.rng).not.toBe(timeline.stateAt(timeline.endOfMonth(3)!).context.game.rng);
  });

  it('refuses a month not yet published and a point where the exercise had ended', () => {
    expect(planFork(timeline, { month: 5, at: 0 })).toMatchObject({ ok: false, path: 'month' });
    const done = recordedPlay(tutorial, setup);
    const t = new Timeline(tutorial, setup, done.log, { trusted: true });
    expect(planFork(t, { month: tutorial.meta.turns, at: 0 })).toMatchObject({ ok: false });
  });
});

describe('annotations', () => {
  it('are notes about an earlier entry, accepted even after the exercise finished', () => {
    const setup = { seed: 2, bots: [] };
    const play = new Autoplay(tutorial, recordedPlay(tutorial, setup).state, tickingClock());
    expect(play.state.phase).toBe('finished');
    expect(
      play.send(facilitator, { type: 'note', kind: 'annotation', text: 'turning point', about: 12 }),
    ).toBe(true);
    expect(play.state.context.notes.at(-1)).toMatchObject({ kind: 'annotation', about: 12 });
    expect(play.send(facilitator, { type: 'note', kind: 'annotation', text: 'future', about: 9999 })).toBe(
      false,
    );
    expect(play.send(facilitator, { type: 'publish' })).toBe(false);
  });
});

describe('look-ahead trials in bulk', () => {
  it('equal one lookaheadTrial per seed, from planning, review, the lobby and part-way through planning', () => {
    const live = recordedPlay(flagship, { seed: 5, bots: [] }, 2);
    const timeline = new Timeline(flagship, { seed: 5, bots: [] }, live.log, { trusted: true });
    const reviewSeq = live.log.findLast((e) => e.command.type === 'adjudicate')!.seq;
    const starts = [timeline.stateAt(0), timeline.stateAt(reviewSeq), live.state];
    const midPlanning = new Autoplay(flagship, live.state);
    midPlanning.botsPlay(flagship.teams.slice(0, 3).map((t) => t.id));
    starts.push(midPlanning.state);
    const seeds = [1, 2, 3, 4];
    for (const start of starts)
      for (const months of [1, 2]) {
        const seen: number[] = [];
        const bulk = lookaheadTrials(flagship, start, months, seeds, (o) => seen.push(o.seed));
        expect(bulk).toEqual(seeds.map((seed) => lookaheadTrial(flagship, start, months, seed)));
        expect(seen).toEqual(seeds);
      }
  });
});
