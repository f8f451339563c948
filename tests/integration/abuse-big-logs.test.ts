import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Imported } from '@arsenal/shared';
import { MAX_EXPORT_CHARS, MAX_EXPORT_ENTRIES } from '@arsenal/shared/protocol';
import { defaultConfig } from '../../server/src/config.ts';
import type { TaskKind } from '../../server/src/workers/tasks.ts';
import { longLogExport } from '../helpers/long-log.ts';
import { SeatClient } from './helpers/client.ts';
import { Http } from './helpers/http.ts';
import { startServer, type TestServer } from './helpers/server.ts';

/**
 * Big logs (issue 13, item 9) against the real server: a valid 15 MB import (22,000 messages, within
 * the documented limits) is verified and stored, not answered 500 with its worker killed (the
 * verifier once kept every intermediate state, memory growing with the square of the entries); the
 * report and a fork of that log are folded on a worker thread while other exercises are answered.
 * Peak memory for two sizes is measured by `npm run bench -- --only abuse`, not asserted here.
 */

const BIG = 300_000;
let server: TestServer;
let api: Http;
let big: ReturnType<typeof longLogExport>;
let imported: Imported;
/** The interactive pool's tasks, in the order they were handed to it. */
const tasks: TaskKind[] = [];

beforeAll(async () => {
  server = await startServer({ config: { limits: { ...defaultConfig.limits, createBurst: 20 } } });
  api = new Http(server.url);
  const pool = server.app.workers.tasks;
  const call = pool.call.bind(pool);
  pool.call = ((name, input, timeoutMs) => {
    tasks.push(name);
    return call(name, input, timeoutMs);
  }) as typeof pool.call;
  big = longLogExport(15_000_000);
}, BIG);
afterAll(async () => {
  await server?.close();
});

/** A facilitator of another exercise, in planning: its acks are what other users would wait for. */
async function bystander(): Promise<SeatClient> {
  const created = await api.create({ scenarioId: 'tutorial', seed: 2 });
  const fac = await SeatClient.connect(server.url, created.facilitator.token);
  expect((await fac.send({ type: 'startPlanning' })).ok).toBe(true);
  return fac;
}

/** Resolves once the interactive pool has been handed a task of this kind. */
async function handed(kind: TaskKind, from: number): Promise<void> {
  while (!tasks.slice(from).includes(kind)) await new Promise((r) => setTimeout(r, 20));
}

/**
 * Sends a request for heavy work, waits until it is on the worker, then sends another exercise a
 * command: the order in which the two answers came back.
 */
async function whileOnWorker(kind: TaskKind, heavy: () => Promise<{ status: number }>) {
  const fac = await bystander();
  const order: string[] = [];
  const from = tasks.length;
  const answer = heavy().then((res) => {
    order.push(kind);
    return res;
  });
  await handed(kind, from);
  // If the fold ran on the event loop, this command would not be read before it ended.
  const ack = await fac.sendFresh({ type: 'note', kind: 'note', text: `during the ${kind}` });
  order.push('acked');
  expect(ack.ok).toBe(true);
  const res = await answer;
  fac.close();
  return { order, res };
}

describe('a 15 MB import', () => {
  it(
    'is verified and stored, within the documented limits; the worker survives',
    async () => {
      expect(big.text.length).toBeGreaterThan(14_000_000);
      expect(big.text.length).toBeLessThan(MAX_EXPORT_CHARS);
      expect(big.entries).toBeGreaterThan(20_000);
      expect(big.entries).toBeLessThan(MAX_EXPORT_ENTRIES);
      const res = await api.request<Imported>('POST', '/api/imports', { raw: big.text });
      expect(res.status, res.text.slice(0, 500)).toBe(201);
      imported = res.body;
      expect(imported.verified).toEqual({ entries: big.entries, stateHash: big.stateHash, finished: false });
      expect(server.store.readLog(imported.exerciseId)).toHaveLength(big.entries);
      expect(server.logs.join('\n')).not.toMatch(/more memory|crashed|exited with code/);
      // the same worker answers the next task
      const again = await api.request('POST', '/api/imports', { raw: '{"not": "an export"}' });
      expect(again.status).toBe(422);
    },
    BIG,
  );

  it(
    'has its report built on a worker thread while other exercises are answered',
    async () => {
      expect(imported, 'the import above').toBeDefined();
      const { order, res } = await whileOnWorker('report', () =>
        api.get(`/api/exercises/${imported.exerciseId}/report.csv`, imported.facilitator.token),
      );
      expect(res.status).toBe(200);
      expect(order).toEqual(['acked', 'report']);
    },
    BIG,
  );

  it(
    'is forked on a worker thread while other exercises are answered',
    async () => {
      expect(imported, 'the import above').toBeDefined();
      const { order, res } = await whileOnWorker('fork', () =>
        api.request('POST', `/api/exercises/${imported.exerciseId}/fork`, {
          token: imported.facilitator.token,
          body: { month: 4 },
        }),
      );
      expect(res.status).toBe(201);
      expect(order).toEqual(['acked', 'fork']);
    },
    BIG,
  );
});
