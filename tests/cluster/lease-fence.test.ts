import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Leases } from '../../server/src/cluster/leases.ts';
import { openPgStore } from '../../server/src/store/postgres.ts';
import type { ExerciseRecord, Store, StoredEntry } from '../../server/src/store/store.ts';
import { dropPgDatabases, freshPgDatabase } from '../integration/helpers/backends.ts';
import { sleep } from './helpers/cluster.ts';

/**
 * The lease and its fence in PostgreSQL, without servers: two nodes' views of one database. A node
 * whose lease expired or was taken cannot append, even an entry that continues the chain.
 */

const closers: (() => void)[] = [];
afterEach(() => {
  for (const c of closers.splice(0)) c();
});
afterAll(dropPgDatabases);

const record = (id: string): ExerciseRecord => ({
  id,
  createdAt: 1_700_000_000_000,
  title: 'T',
  scenarioId: 'tutorial',
  scenarioJson: '{"meta":{"id":"tutorial"}}',
  scenarioHash: 'sh1',
  seed: 1,
  bots: [],
  timer: { planningMinutes: 0, extendMinutes: 5, autoStart: false },
  genesis: 'g',
  status: 'live',
  lastSeq: 0,
  lastHash: 'g',
});

const entry = (seq: number): StoredEntry => ({
  seq,
  at: 1_700_000_000_000 + seq,
  actor: { role: 'facilitator' },
  command: { type: 'message', to: 'all', text: `m${seq}` },
  sender: 'facilitator/t1',
  clientId: `c${seq}`,
  ack: `{"ok":true,"seq":${seq},"version":${seq}}`,
  prevHash: seq === 1 ? 'g' : `h${seq - 1}`,
  hash: `h${seq}`,
});

const write = (seq: number, fence: number) => ({
  exerciseId: 'x1',
  entries: [entry(seq)],
  snapshots: [],
  finished: false,
  fence,
});

async function setup(ttlMs: number): Promise<{ store: Store; a: Leases; b: Leases }> {
  const url = await freshPgDatabase();
  const store = await openPgStore(url);
  const a = new Leases(url, { node: 'a', url: 'http://a' }, ttlMs);
  const b = new Leases(url, { node: 'b', url: 'http://b' }, ttlMs);
  closers.push(
    () => store.close(),
    () => a.close(),
    () => b.close(),
  );
  store.createExercise(record('x1'), [], []);
  return { store, a, b };
}

describe('exercise leases', () => {
  it('grants one live lease at a time, each grant under a new token', async () => {
    const { a, b } = await setup(60_000);
    const token = a.claim('x1').token;
    expect(token).not.toBeNull();
    // A live lease elsewhere: not granted, and the claim says who holds it.
    expect(b.claim('x1')).toEqual({ token: null, owner: { node: 'a', url: 'http://a' } });
    expect(await b.claimAsync('x1')).toEqual({ token: null, owner: { node: 'a', url: 'http://a' } });
    expect(a.owner('x1')).toEqual({ node: 'a', url: 'http://a' });
    expect(a.claim('nope')).toEqual({ token: null, owner: null });
    await a.release([token!]);
    const next = (await b.claimAsync('x1')).token;
    expect(next).toBeGreaterThan(token!);
    expect(b.owner('x1')?.node).toBe('b');
    expect(await a.renew([token!])).toEqual(new Set());
    expect(await b.renew([next!])).toEqual(new Set(['x1']));
  });

  it('refuses the appends of a node whose lease moved, even when they continue the chain', async () => {
    const { store, a, b } = await setup(500);
    const old = a.claim('x1').token!;
    await store.commit([write(1, old)]);
    await sleep(700);
    // Expired: nobody holds it, and the old token no longer appends.
    await expect(store.commit([write(2, old)])).rejects.toThrow(/no longer holds the lease/);
    expect(await a.orphans(10)).toEqual({ ids: ['x1'], mine: 0, held: 0, others: 0 });
    const taken = b.claim('x1').token!;
    await expect(store.commit([write(2, old)])).rejects.toThrow(/no longer holds the lease/);
    expect(await a.renew([old])).toEqual(new Set());
    // The new owner continues the chain where it is.
    await store.commit([write(2, taken)]);
    expect(store.readLog('x1').map((e) => e.seq)).toEqual([1, 2]);
    expect(await a.orphans(10)).toEqual({ ids: [], mine: 0, held: 1, others: 1 });
    expect(await b.orphans(10)).toEqual({ ids: [], mine: 1, held: 1, others: 0 });
  });
});
