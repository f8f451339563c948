import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botCommands, hashState, type ExerciseState, type Scenario } from '@arsenal/shared';
import type { SeatKey } from '@arsenal/shared/protocol';
import { bundled } from '../../helpers/scenarios.ts';
import { SeatClient, type CommandInput } from './client.ts';
import { Http } from './http.ts';

/**
 * Every seat × every command type, aimed where that seat may not act (another team's plant, a contract
 * between two other teams, the facilitator's controls…): each is refused with a code and the stored
 * state does not move.
 */

/**
 * Where the suite runs: one server, or several nodes. `url(i)` is the address the i-th connection
 * uses; `stored` the exercise's stored state and last seq, as the store has them.
 */
export interface DenyTarget {
  url(i: number): string;
  stored(exerciseId: string, facilitatorToken: string): Promise<{ state: ExerciseState; seq: number }>;
  close(): Promise<void>;
}

const scenario: Scenario = bundled('france-2025');

/** The authorisation deny matrix against the target `start` makes. */
export function denySuite(title: string, start: () => Promise<DenyTarget>): void {
  let server: DenyTarget;
  let http: Http;
  let n = 0;
  const next = () => server.url(n++);

  beforeAll(async () => {
    server = await start();
    http = new Http(server.url(0));
  }, 180_000);
  afterAll(() => server.close());

  /** One instance of every command type, each aimed at teams other than `me`. */
  function everyCommand(
    me: string,
    other: string,
    contract: string,
    plant: { id: string; line: string },
  ): CommandInput[] {
    const terms = {
      product: scenario.products[0]!.id,
      qty: 10,
      unitPrice: 100,
      type: 'spot',
      rating: 'none',
      months: 1,
      advancePct: 0,
      penaltyPerUnitLate: 0,
    } as const;
    void me;
    return [
      {
        type: 'submitOrders',
        orders: [
          {
            type: 'convertLine',
            plant: plant.id,
            line: plant.line,
            product: scenario.products[0]!.id,
            template: scenario.templates[0]!.id,
          },
          { type: 'hire', plant: plant.id, count: 10 },
        ],
      },
      { type: 'offerContract', counterparty: other, as: 'buyer', terms },
      { type: 'counterContract', contract, terms },
      { type: 'acceptContract', contract },
      { type: 'rejectContract', contract },
      { type: 'cancelContract', contract },
      { type: 'startBriefing' },
      { type: 'startPlanning' },
      { type: 'adjudicate' },
      { type: 'override', target: { kind: 'money', team: other }, value: 1, reason: 'matrix test' },
      { type: 'publish' },
      { type: 'pause' },
      { type: 'resume' },
      { type: 'end' },
      { type: 'fireInject', inject: scenario.injects[0]!.id },
      { type: 'adHocInject', title: 'matrix', description: '' },
      { type: 'delayInject', inject: scenario.injects[0]!.id, month: 2 },
      { type: 'suppressInject', inject: scenario.injects[1]!.id },
      { type: 'setDeadline', at: Date.now() + 3_600_000 },
      { type: 'extendDeadline', ms: 60_000 },
      { type: 'pauseTimer' },
      { type: 'resumeTimer' },
      { type: 'setBot', team: other, bot: true },
      { type: 'message', to: other, text: 'hello' },
      { type: 'message', to: 'all', text: 'hello all' },
      { type: 'note', text: 'a note', kind: 'note' },
      { type: 'note', text: 'an insight', kind: 'insight' },
      { type: 'pinNote', seq: 1, pinned: true },
      { type: 'deadlineExpired', deadline: 0 },
      { type: 'proposeAction', title: 'matrix', argument: 'because' },
      { type: 'takeRfi', message: 1 },
      { type: 'adjudicateAction', action: 1, effects: [], months: 0, narration: 'matrix' },
      { type: 'message', to: 'facilitator', text: 'a question', kind: 'rfi' },
    ];
  }

  /** What each seat may legitimately do from this list (everything else must be refused). */
  const allowed: Record<string, (c: CommandInput) => boolean> = {
    facilitator: (c) =>
      ![
        'submitOrders',
        'offerContract',
        'counterContract',
        'acceptContract',
        'rejectContract',
        'cancelContract',
        'deadlineExpired',
        'proposeAction',
      ].includes(c.type) && !(c.type === 'message' && c.kind === 'rfi'),
    team: (c) =>
      c.type === 'offerContract' || c.type === 'proposeAction' || (c.type === 'message' && c.to !== 'all'),
    observer: (c) => c.type === 'note' && c.kind === 'insight',
    display: () => false,
  };

  describe(title, () => {
    it('refuses every command a seat may not give, with a code, and changes nothing', async () => {
      const created = await http.create({ scenarioId: scenario.meta.id, seed: 7 });
      const stored = () => server.stored(created.exerciseId, created.facilitator.token);
      const fac = await SeatClient.connect(next(), created.facilitator.token);
      expect((await fac.send({ type: 'startPlanning' })).ok).toBe(true);

      // Two other teams make a contract offer between themselves, as their bots would.
      const planning = (await stored()).state;
      const offer = scenario.teams
        .flatMap((t) => botCommands(scenario, planning, t.id).map((c) => ({ team: t.id, c })))
        .find((x) => x.c.type === 'offerContract')!;
      expect(offer).toBeTruthy();
      const offerer = await SeatClient.connect(
        next(),
        (await http.join(created.codes.teams[offer.team]!)).token,
      );
      expect((await offerer.send(offer.c)).ok).toBe(true);
      const contract = (await stored()).state.context.game.contracts[0]!;

      // The acting team is party to neither; its target plant belongs to someone else.
      const me = scenario.teams.find(
        (t) => t.id !== contract.buyer && t.id !== contract.seller && t.kind === 'industry',
      )!;
      const plant = scenario.plants.find((p) => p.owner !== me.id)!;
      const seats: { key: SeatKey; token: string }[] = [
        { key: 'facilitator', token: created.facilitator.token },
        { key: `team:${me.id}`, token: (await http.join(created.codes.teams[me.id]!)).token },
        { key: 'observer', token: (await http.join(created.codes.observer)).token },
        { key: 'display', token: (await http.join(created.codes.display)).token },
      ];

      let tried = 0;
      for (const seat of seats) {
        const client = seat.key === 'facilitator' ? fac : await SeatClient.connect(next(), seat.token);
        const role = seat.key.startsWith('team:') ? 'team' : seat.key;
        const commands = everyCommand(me.id, contract.buyer, contract.id, {
          id: plant.id,
          line: plant.lines[0]!.id,
        });
        for (const command of commands.filter((c) => !allowed[role]!(c))) {
          const was = await stored();
          const before = hashState(was.state);
          await client.resync();
          let ack = await client.send(command);
          // The suite sends each seat's refusals back to back: wait out the rate limit as a client would.
          for (let tries = 0; !ack.ok && ack.code === 'input/rate_limited' && tries < 40; tries++) {
            await new Promise((r) => setTimeout(r, 250));
            await client.resync();
            ack = await client.send(command);
          }
          expect(ack.ok, `${seat.key} ${command.type} should be refused`).toBe(false);
          // Refused for who is asking or what it aims at, not for the phase or the payload's shape.
          if (!ack.ok)
            expect(ack.code).toMatch(/^(auth\/(forbidden|read_only)|order\/not_owner|contract\/not_party)$/);
          const now = await stored();
          expect(now.seq).toBe(was.seq);
          expect(hashState(now.state)).toBe(before);
          tried++;
        }
        if (client !== fac) client.close();
      }
      // Every command type was refused to at least one seat, and display refused everything.
      expect(tried).toBeGreaterThan(60);
      fac.close();
      offerer.close();
    });
  });
}
