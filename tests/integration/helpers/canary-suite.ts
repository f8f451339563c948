import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scenario } from '@arsenal/shared';
import { bundled, variant } from '../../helpers/scenarios.ts';
import { SeatClient, type CommandInput } from './client.ts';
import { Http } from './http.ts';

/**
 * Secret canaries: random strings and figures put into what only some seats may know (private messages,
 * contract terms, orders, the facilitator's notes, an overridden balance). Everything every other team
 * and the room display receive — views, acks, errors, exports, HTTP answers, connection errors — is
 * captured, and no canary may appear in it. Observers see everything by design, so they are not "others",
 * except for the White Cell's guidance (on the exercise and on each inject), which only the facilitator
 * may read: not the teams, the display or observers, not in news, views, exports or scenario answers.
 */

const word = () => `CANARY${crypto.randomBytes(8).toString('hex')}`;
/** White Cell guidance canaries: the exercise's and the summit inject's (fired during the test). */
const guidance = { meta: word(), summit: word(), scheduled: word() };
const scenario: Scenario = variant(bundled('france-2025'), (s) => {
  s.meta.guidance = `Run it calmly ${guidance.meta}`;
  for (const inj of s.injects) {
    if (inj.id === 'summit') inj.guidance = `Fire it in month 1 ${guidance.summit}`;
    if (inj.id === 'china_squeeze') inj.guidance = `Watch the drone makers ${guidance.scheduled}`;
  }
});
/**
 * Where the suite runs: one server, or several nodes. `url(i)` is the address the i-th connection
 * uses (nodes take turns); `logs()` every line the servers wrote.
 */
export interface CanaryTarget {
  url(i: number): string;
  logs(): string[];
  close(): Promise<void>;
}

/** The secret canary suite against the target `start` makes. */
export function canarySuite(title: string, start: () => Promise<CanaryTarget>): void {
  let server: CanaryTarget;
  let n = 0;
  const next = () => server.url(n++);

  beforeAll(async () => {
    server = await start();
  }, 180_000);
  afterAll(() => server.close());

  /** A figure whose printed form cannot occur by chance: four decimals ending in 7. */
  const figure = (base: number) => base + (crypto.randomInt(100, 999) * 10 + 7) / 10_000;

  interface Seat {
    key: string;
    client: SeatClient;
    http: Http;
    token: string;
  }

  describe(title, () => {
    it('never lets one seat receive another team’s secrets', async () => {
      const admin = new Http(next());
      const created = await admin.create({ scenarioText: JSON.stringify(scenario), seed: 11 });
      const seats = new Map<string, Seat>();
      const seat = async (key: string, token: string) => {
        const s: Seat = {
          key,
          token,
          client: await SeatClient.connect(next(), token),
          http: new Http(next()),
        };
        seats.set(key, s);
        return s;
      };
      const fac = await seat('facilitator', created.facilitator.token);
      for (const t of scenario.teams) {
        const http = new Http(next());
        const joined = await http.join(created.codes.teams[t.id]!, `player ${t.id}`);
        const s = await seat(t.id, joined.token);
        s.http.seen.push(...http.seen);
      }
      for (const audience of ['display', 'observer'] as const) {
        const http = new Http(next());
        const joined = await http.join(created.codes[audience]);
        const s = await seat(audience, joined.token);
        s.http.seen.push(...http.seen);
      }
      const A = 'carmaker'; // industry, money secret
      const B = 'dga'; // procurement
      const G = 'gov';
      const ok = async (who: string, command: CommandInput) => {
        const ack = await seats.get(who)!.client.sendFresh(command);
        expect(ack.ok, `${who} ${command.type}: ${JSON.stringify(ack)}`).toBe(true);
      };

      /** Each canary with the seats allowed to know it. */
      const canaries: { text: string; parties: string[]; whiteCell?: boolean }[] = [];
      const plant = (text: string | number, ...parties: string[]) => {
        canaries.push({ text: String(text), parties });
        return text;
      };
      for (const text of Object.values(guidance)) canaries.push({ text, parties: [], whiteCell: true });
      const scenarioAnswers = () =>
        Promise.all(
          [...seats.values()].map((s) =>
            s.http.get(`/api/exercises/${created.exerciseId}/scenario`, s.token),
          ),
        );
      await scenarioAnswers();

      await ok('facilitator', { type: 'startPlanning' });
      await ok('facilitator', { type: 'fireInject', inject: 'summit' });
      await ok(A, { type: 'message', to: B, text: `our floor price is ${plant(word(), A, B)}` });
      await ok(B, { type: 'message', to: A, text: `${plant(word(), A, B)} is our ceiling` });
      await ok(B, { type: 'message', to: 'facilitator', text: `${plant(word(), B)} between us` });
      await ok('facilitator', { type: 'message', to: A, text: `${plant(word(), A)} just for you` });
      await ok('facilitator', { type: 'note', kind: 'note', team: A, text: `${plant(word())} watch them` });
      const price = plant(figure(1000), A, B) as number;
      await ok(B, {
        type: 'offerContract',
        counterparty: A,
        as: 'buyer',
        terms: {
          product: 'chorus',
          qty: 600,
          unitPrice: price,
          type: 'spot',
          rating: 'none',
          months: 3,
          advancePct: 0,
          penaltyPerUnitLate: 0,
        },
      });
      const a = seats.get(A)!.client;
      await a.until(() => a.view.contracts.length > 0, 'the offer reaches A');
      const contract = a.view.contracts[0]!;
      const counter = plant(figure(1100), A, B) as number;
      await ok(A, {
        type: 'counterContract',
        contract: contract.id,
        terms: { ...contract.terms, unitPrice: counter },
      });
      await ok(G, {
        type: 'submitOrders',
        orders: [
          { type: 'budget', to: A, amount: plant(figure(2_000_000), G) as number, purpose: 'subsidy' },
        ],
      });

      // Everyone else pokes at the secrets: errors must not echo them either.
      for (const [key, s] of seats) {
        if ([A, B, 'facilitator'].includes(key)) continue;
        await s.client.send({ type: 'acceptContract', contract: contract.id });
        await s.client.send({
          type: 'counterContract',
          contract: contract.id,
          terms: { ...contract.terms, unitPrice: 1 },
        });
        await s.client.send({ type: 'message', to: A, text: 'anything for us?' });
        await s.client.resync();
        await s.http.get(`/api/exercises/${created.exerciseId}/export`, s.token);
        await s.http.get(`/api/exercises/${created.exerciseId}`);
      }

      // Adjudicate, override A's balance to a canary, publish: A's money is now a secret figure.
      await ok('facilitator', { type: 'adjudicate' });
      const money = plant(figure(7_000_000), A) as number;
      await ok('facilitator', {
        type: 'override',
        target: { kind: 'money', team: A },
        value: money,
        reason: 'canary',
      });
      await ok('facilitator', { type: 'publish' });
      await a.until(() => a.view.me?.team.money === money, 'A sees its balance');
      for (const s of seats.values()) {
        await s.client.until(
          () => s.client.view.phase === 'planning' && s.client.view.month === 2,
          `${s.key} in month 2`,
        );
        await s.client.resync();
        await s.http.get(`/api/exercises/${created.exerciseId}/export`, s.token);
        await s.http.get(`/api/exercises/${created.exerciseId}`);
        await s.http.get('/api/scenarios');
      }
      await scenarioAnswers();

      const everything = (s: Seat) => [...s.client.received, ...s.http.seen].join('\n');
      let checked = 0;
      for (const c of canaries) {
        for (const [key, s] of seats) {
          if (key === 'facilitator' || c.parties.includes(key)) continue;
          if (key === 'observer' && !c.whiteCell) continue;
          expect(
            everything(s).includes(c.text),
            `${key} received canary ${c.text} (of ${c.parties.join(', ') || 'facilitator'})`,
          ).toBe(false);
          checked++;
        }
        // Control: the canary really was there to leak: the facilitator received it.
        expect(everything(fac).includes(c.text), `facilitator never saw ${c.text}`).toBe(true);
        for (const p of c.parties)
          expect(everything(seats.get(p)!).includes(c.text), `${p} never saw ${c.text}`).toBe(true);
      }
      expect(checked).toBeGreaterThan(50);
      // Nor did the server log any of them or any seat token.
      const logs = server.logs().join('\n');
      for (const c of canaries) expect(logs.includes(c.text)).toBe(false);
      for (const s of seats.values()) {
        expect(logs.includes(s.token)).toBe(false);
        s.client.close();
      }
    });
  });
}
