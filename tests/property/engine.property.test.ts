import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Autoplay,
  ErrorCode,
  adjudicate,
  applyCommand,
  createExercise,
  hashState,
  replay,
  validateOrders,
  ViewBuilder,
  type Actor,
  type Audience,
  type Command,
  type GameState,
  type Order,
  type Scenario,
} from '@arsenal/shared';
import { applyPatch, diff } from '@arsenal/shared/protocol';
import { bundled, Driver } from '../helpers/scenarios.ts';

/** The own properties of the prototypes a path through `__proto__` or `constructor` could reach. */
const prototypeKeys = () =>
  [Object.prototype, Array.prototype, Function.prototype].map((proto) =>
    Reflect.ownKeys(proto).map((key) => [key, Object.getOwnPropertyDescriptor(proto, key)]),
  );

const tutorial = bundled('tutorial');
const flagship = bundled('france-2025');
const CODES = new Set<string>(Object.values(ErrorCode));

const play = (s: Scenario, seed: number, months: number) =>
  new Autoplay(s, createExercise(s, { seed, bots: [] }), () => 1_700_000_000_000).play(months);

/** Units on hand = opening stock at home + made + bought abroad − used as inputs − spent at fronts − written off. */
function checkConservation(s: Scenario, g: GameState) {
  const items = new Set([...s.products.map((p) => p.id), ...s.components.map((c) => c.id)]);
  for (const item of items) {
    let held = 0;
    for (const t of Object.values(g.teams)) held += t.stock[item] ?? 0;
    for (const f of Object.values(g.fronts)) held += f.stock[item] ?? 0;
    const l = g.ledger;
    const expected =
      (l.opening?.[item] ?? 0) +
      (l.produced[item] ?? 0) +
      (l.imported[item] ?? 0) -
      (l.consumed[item] ?? 0) -
      (l.expended[item] ?? 0) -
      (l.scrapped[item] ?? 0);
    expect(held, item).toBeCloseTo(expected, 3);
  }
  for (const team of s.teams) {
    const t = g.teams[team.id]!;
    expect(t.money, team.id).toBeCloseTo(team.money + t.received - t.paid, 0);
  }
  for (const p of g.payments) {
    expect(p.amount).toBeGreaterThan(0);
    expect(p.from).not.toBe(p.to);
    expect(p.from && p.to).toBeTruthy();
  }
}

function checkNonNegative(g: GameState) {
  for (const t of Object.values(g.teams)) {
    expect(t.money).toBeGreaterThanOrEqual(0);
    for (const v of Object.values(t.stock)) expect(v).toBeGreaterThanOrEqual(0);
  }
  for (const f of Object.values(g.fronts)) {
    for (const v of Object.values(f.stock)) expect(v).toBeGreaterThanOrEqual(0);
    expect(f.blueForce).toBeGreaterThanOrEqual(0);
    expect(f.redForce).toBeGreaterThanOrEqual(0);
  }
}

describe('determinism', () => {
  it('the same scenario, seed and log give the same hash, and replaying the log gives the live state', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 6 }),
        (seed, months) => {
          const a = play(tutorial, seed, months);
          const b = play(tutorial, seed, months);
          expect(hashState(a.state)).toBe(hashState(b.state));
          expect(hashState(replay(tutorial, { seed, bots: [] }, a.log))).toBe(hashState(a.state));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('different seeds usually differ (the PRNG is in the state)', () => {
    const hashes = new Set([1, 2, 3, 4].map((seed) => hashState(play(flagship, seed, 6).state)));
    expect(hashes.size).toBeGreaterThan(1);
  });

  it('replay of the flagship log at every month equals the live state at that month', () => {
    const live = new Autoplay(flagship, createExercise(flagship, { seed: 7, bots: [] }));
    for (let m = 0; m < 8; m++) {
      live.playMonth();
      expect(hashState(replay(flagship, { seed: 7, bots: [] }, live.log))).toBe(hashState(live.state));
    }
  });
});

/** Freezes every object reachable from `value` that is not frozen yet (shared parts are skipped). */
function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}

describe('purity', () => {
  // States share their unchanged parts with the states before them (copy on write), so a step that
  // wrote into a shared part would corrupt history, checkpoints and every view of a past month. With
  // every state frozen, such a write throws (modules run in strict mode).
  it.each([
    ['tutorial', true, tutorial],
    ['tutorial', false, tutorial],
    ['flagship', true, flagship],
    ['flagship', false, flagship],
  ] as const)('%s: no command writes into an earlier state (trusted fold: %s)', (_, trusted, s) => {
    const live = play(s, 11, s.meta.turns);
    let state = createExercise(s, { seed: 11, bots: [] });
    deepFreeze(state);
    for (const entry of live.log) {
      const r = applyCommand(s, state, entry, { trusted });
      if (!r.ok) throw new Error(`${entry.seq}: ${r.message}`);
      state = r.state;
      deepFreeze(state);
    }
    expect(hashState(state)).toBe(hashState(live.state));
    expect(live.log.length).toBeGreaterThan(s.meta.turns * 3);
  });

  // Views hold the parts of the state an audience may see whole (its team, its contracts, …) rather than
  // copies: the server's diff and a client's patching must never write through them into the state.
  it.each([
    ['tutorial', tutorial],
    ['flagship', flagship],
  ] as const)('%s: views, their patches and patching a view never write into a state', (_, s) => {
    const live = play(s, 13, Math.min(6, s.meta.turns));
    const audiences: Audience[] = [
      { role: 'facilitator' },
      { role: 'observer' },
      { role: 'display' },
      ...s.teams.map((t) => ({ role: 'team' as const, team: t.id })),
    ];
    const builders = audiences.map((a) => new ViewBuilder(s, a));
    let state = createExercise(s, { seed: 13, bots: [] });
    deepFreeze(state);
    let views = builders.map((b) => b.view(state));
    for (const entry of live.log) {
      const r = applyCommand(s, state, entry, { trusted: true });
      if (!r.ok) throw new Error(`${entry.seq}: ${r.message}`);
      state = r.state;
      deepFreeze(state);
      const next = builders.map((b) => b.view(state));
      next.forEach((view, i) => expect(applyPatch(views[i], diff(views[i], view))).toEqual(view));
      views = next;
    }
    expect(hashState(state)).toBe(hashState(live.state));
  });

  it('adjudication leaves the month it starts from untouched', () => {
    const live = play(flagship, 5, 12);
    const before = hashState(live.state);
    deepFreeze(live.state);
    const orders = Object.fromEntries(flagship.teams.map((t) => [t.id, []]));
    const { game } = adjudicate(flagship, live.state.context.game, orders);
    expect(game.month).toBe(live.state.context.game.month + 1);
    expect(hashState(live.state)).toBe(before);
  });
});

describe('conservation and bounds', () => {
  it.each([
    ['tutorial', tutorial],
    ['flagship', flagship],
  ] as const)('%s: units and money are conserved and never negative, month after month', (_name, s) => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const a = new Autoplay(s, createExercise(s, { seed, bots: [] }));
        a.send({ role: 'facilitator' }, { type: 'startPlanning' });
        for (let m = 0; m < Math.min(8, s.meta.turns); m++) {
          a.botsPlay();
          a.send({ role: 'facilitator' }, { type: 'adjudicate' });
          const adjudicated = a.state.context.review!.game; // its payments are the month's, before publication
          expect(adjudicated.payments.length).toBeGreaterThan(0);
          checkConservation(s, adjudicated);
          checkNonNegative(adjudicated);
          a.send({ role: 'facilitator' }, { type: 'publish' });
          checkConservation(s, a.state.context.game);
        }
      }),
      { numRuns: 6 },
    );
  });
});

// ── Generated orders ───────────────────────────────────────────────────────────────────────────
const ids = (valid: string[]) =>
  fc.constantFrom(...valid, 'nope', '__proto__', 'constructor', 'x'.repeat(48));
const qty = fc.oneof(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100_000_000 }));

function orderArb(s: Scenario): fc.Arbitrary<Order> {
  const teams = ids(s.teams.map((t) => t.id));
  const plants = ids(s.plants.map((p) => p.id));
  const lines = ids(s.plants.flatMap((p) => p.lines.map((l) => l.id)));
  const products = ids(s.products.map((p) => p.id));
  const comps = ids(s.components.map((c) => c.id));
  const sources = ids(s.components.flatMap((c) => c.sources.map((x) => x.id)));
  const templates = ids(s.templates.map((t) => t.id));
  const fronts = ids(s.fronts.map((f) => f.id));
  return fc
    .oneof(
      fc.record({
        type: fc.constant('budget' as const),
        to: teams,
        amount: fc.integer({ min: 1, max: 1e12 }),
        purpose: fc.constantFrom('appropriation' as const, 'subsidy' as const, 'capexSubsidy' as const),
      }),
      fc.record({
        type: fc.constant('convertLine' as const),
        plant: plants,
        line: lines,
        product: products,
        template: templates,
      }),
      fc.record({ type: fc.constant('revertLine' as const), plant: plants, line: lines }),
      fc.record({
        type: fc.constant('invest' as const),
        plant: plants,
        template: templates,
        line: fc.option(lines, { nil: undefined }),
        product: products,
        addNameplate: fc.integer({ min: 1, max: 1e6 }),
      }),
      fc.record({
        type: fc.constant('hire' as const),
        plant: plants,
        count: fc.integer({ min: 1, max: 100_000 }),
      }),
      fc.record({ type: fc.constant('buyComponents' as const), component: comps, source: sources, qty }),
      fc.record({ type: fc.constant('allocate' as const), front: fronts, product: products, qty }),
      fc.record({ type: fc.constant('transfer' as const), to: teams, item: products, qty }),
      fc.record({ type: fc.constant('strike' as const), plant: plants }),
      fc.record({ type: fc.constant('ewUpgrade' as const), front: fronts }),
      fc.record({ type: fc.constant('outbid' as const), component: comps }),
      fc.record({ type: fc.constant('outbidOffer' as const), offer: fc.constantFrom('nope', '__proto__') }),
      fc.record({ type: fc.constant('repatriate' as const), item: products, qty }),
      fc.record({
        type: fc.constant('surge' as const),
        front: fronts,
        amount: fc.integer({ min: 1, max: 1e12 }),
      }),
      fc.record({ type: fc.constant('exportControl' as const), component: comps }),
      fc.record({
        type: fc.constant('concede' as const),
        inject: ids(s.injects.map((i) => i.id)),
      }),
    )
    .map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Order);
}

describe('generated orders', () => {
  const s = flagship;
  const base = new Driver(s).toPlanning();

  it('every submission is either accepted or rejected with a known code and a path; accepted ones adjudicate cleanly', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...s.teams.map((t) => t.id)),
        fc.array(orderArb(s), { maxLength: 6 }),
        (team, orders) => {
          const v = validateOrders(s, base.game, team, orders);
          if (v) {
            expect(CODES.has(v.code)).toBe(true);
            expect(v.path).toMatch(/^orders\.\d+/);
            return;
          }
          const next = adjudicate(s, base.game, { [team]: orders }).game;
          checkConservation(s, next);
          checkNonNegative(next);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('an order naming something that does not exist is always rejected with a code', () => {
    const before = prototypeKeys();
    const broken = orderArb(s).filter((o) =>
      Object.values(o).some((v) => v === 'nope' || v === '__proto__' || v === 'constructor'),
    );
    fc.assert(
      fc.property(fc.constantFrom(...s.teams.map((t) => t.id)), broken, (team, order) => {
        const v = validateOrders(s, base.game, team, [order]);
        expect(v).not.toBeNull();
        expect(CODES.has(v!.code)).toBe(true);
      }),
      { numRuns: 300 },
    );
    // Ids such as `__proto__` and `constructor` are data: nothing reached a prototype.
    expect(prototypeKeys()).toEqual(before);
  });

  it('arbitrary commands from arbitrary seats never throw, and a rejection leaves the state as it was', () => {
    const actors: Actor[] = [
      { role: 'facilitator' },
      { role: 'observer' },
      { role: 'display' },
      { role: 'system' },
      ...s.teams.map((t) => ({ role: 'team' as const, team: t.id })),
    ];
    const junk = fc.oneof(
      fc.record({
        type: fc.constantFrom(
          'submitOrders',
          'publish',
          'adjudicate',
          'override',
          'message',
          'note',
          'fireInject',
          'deadlineExpired',
          'bogus',
        ),
        orders: fc.array(orderArb(s), { maxLength: 3 }),
      }),
      fc.jsonValue(),
      fc.record({ type: fc.constant('message'), to: fc.string(), text: fc.string() }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...actors), junk, (actor, command) => {
        const before = JSON.stringify(base.state);
        const r = applyCommand(s, base.state, { seq: 99, at: 1, actor, command: command as Command });
        if (!r.ok) expect(CODES.has(r.code)).toBe(true);
        expect(JSON.stringify(base.state)).toBe(before);
      }),
      { numRuns: 300 },
    );
  });
});
