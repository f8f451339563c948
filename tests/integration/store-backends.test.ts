import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PgBridge } from '../../server/src/store/pg-bridge.ts';
import { openPgStore } from '../../server/src/store/postgres.ts';
import { PG_MIGRATIONS } from '../../server/src/store/pg-migrations.ts';
import {
  openStore,
  type ExerciseRecord,
  type Store,
  type StoredEntry,
} from '../../server/src/store/store.ts';
import { BACKENDS, dropPgDatabases, executePlace, newPlace, queryPlace } from './helpers/backends.ts';

/**
 * The store's contract, against both implementations: exercises and their chain head, appends that
 * only continue the head, command ids found for retries, snapshots, tokens and codes. Then what only
 * PostgreSQL has to hold: several nodes sharing one database.
 */

const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});
afterAll(dropPgDatabases);

const record = (id: string): ExerciseRecord => ({
  id,
  createdAt: 1_700_000_000_000,
  title: 'T',
  scenarioId: 'tutorial',
  scenarioJson: '{"meta":{"id":"tutorial"}}',
  scenarioHash: 'sh1',
  seed: 4_000_000_000,
  bots: ['dga'],
  timer: { planningMinutes: 0, extendMinutes: 5, autoStart: false },
  genesis: 'g',
  status: 'live',
  lastSeq: 0,
  lastHash: 'g',
});

const entry = (seq: number, over: Partial<StoredEntry> = {}): StoredEntry => ({
  seq,
  at: 1_700_000_000_000 + seq,
  actor: { role: 'facilitator' },
  command: { type: 'message', to: 'all', text: `m${seq}` },
  sender: 'facilitator/t1',
  clientId: `c${seq}`,
  ack: `{"ok":true,"seq":${seq},"version":${seq}}`,
  prevHash: seq === 1 ? 'g' : `h${seq - 1}`,
  hash: `h${seq}`,
  ...over,
});

async function open(backend: (typeof BACKENDS)[number]) {
  const place = await newPlace(backend);
  const store = await openStore(place);
  stores.push(store);
  return { place, store };
}

describe.each(BACKENDS)('the store (%s)', (backend) => {
  it('stores a copied log with its exercise in one transaction, and keeps which exercises are awake', async () => {
    const { store } = await open(backend);
    const token = {
      id: 't9',
      exerciseId: 'c1',
      seat: 'facilitator' as const,
      tokenHash: 'th9',
      label: 'f',
      createdAt: 1,
    };
    const state = { phase: 'planning' } as never;
    await store.createCopy(record('c1'), [token], [{ codeHash: 'ch9', seat: 'team:dga' }], {
      exerciseId: 'c1',
      entries: [entry(1), entry(2)],
      snapshots: [{ seq: 2, state: JSON.stringify(state), stateHash: 'S2' }],
      finished: false,
      awake: true,
    });
    expect(store.getExercise('c1')).toMatchObject({ lastSeq: 2, lastHash: 'h2' });
    expect(store.findToken('th9')).toMatchObject({ exerciseId: 'c1' });
    expect(store.latestSnapshotText('c1')).toEqual({ seq: 2, state: JSON.stringify(state), stateHash: 'S2' });
    expect(store.liveExerciseIds({ awake: true })).toEqual(['c1']);
    store.append('c1', [entry(3, { prevHash: 'h2' })], { awake: false });
    expect(store.liveExerciseIds({ awake: true })).toEqual([]);
    expect(store.liveExerciseIds()).toEqual(['c1']);
    // a new exercise waits for nothing until a commit says otherwise
    store.createExercise(record('c2'), [], []);
    expect(store.liveExerciseIds({ awake: true })).toEqual([]);

    // a log that does not start at the genesis stores nothing, not even the exercise
    await expect(
      store.createCopy(record('c3'), [], [], {
        exerciseId: 'c3',
        entries: [entry(1, { prevHash: 'nope' })],
        snapshots: [],
        finished: false,
      }),
    ).rejects.toThrow();
    expect(store.getExercise('c3')).toBeUndefined();
  });

  it('keeps exercises with their chain head, and appends only what continues it', async () => {
    const { store } = await open(backend);
    store.createExercise(
      record('x1'),
      [{ id: 't1', exerciseId: 'x1', seat: 'facilitator', tokenHash: 'th1', label: 'f', createdAt: 1 }],
      [{ codeHash: 'ch1', seat: 'team:dga' }],
    );
    store.createExercise(record('x2'), [], []);
    expect(store.getExercise('x1')).toEqual(record('x1'));
    expect(store.liveExerciseIds()).toEqual(['x1', 'x2']);

    await store.commit([{ exerciseId: 'x1', entries: [entry(1), entry(2)], snapshots: [], finished: false }]);
    expect(() => store.append('x1', [entry(4, { prevHash: 'h2' })])).toThrow(/does not continue/);
    expect(() => store.append('x1', [entry(3, { prevHash: 'h1' })])).toThrow(/does not continue/);
    expect(() => store.append('x1', [entry(2)])).toThrow();
    // A batch is one transaction: x2's good entry is not stored when x1's entry is refused.
    await expect(
      store.commit([
        { exerciseId: 'x2', entries: [entry(1)], snapshots: [], finished: false },
        { exerciseId: 'x1', entries: [entry(3, { prevHash: 'nope' })], snapshots: [], finished: false },
      ]),
    ).rejects.toThrow(/does not continue/);
    expect(store.getExercise('x2')).toMatchObject({ lastSeq: 0, lastHash: 'g' });

    const state = { phase: 'planning' } as never;
    store.append('x1', [entry(3)], { snapshot: { seq: 3, state, stateHash: 'S3' }, finished: true });
    expect(store.getExercise('x1')).toMatchObject({ lastSeq: 3, lastHash: 'h3', status: 'finished' });
    expect(store.liveExerciseIds()).toEqual(['x2']);
    expect(store.readLog('x1').map((e) => e.hash)).toEqual(['h1', 'h2', 'h3']);
    expect(store.readLog('x1', 2)).toEqual([
      {
        seq: 3,
        at: entry(3).at,
        actor: entry(3).actor,
        command: entry(3).command,
        prevHash: 'h2',
        hash: 'h3',
      },
    ]);
    expect(store.findSent('x1', 'facilitator/t1', 'c2')).toEqual({
      command: JSON.stringify(entry(2).command),
      ack: entry(2).ack,
    });
    expect(store.findSent('x1', 'facilitator/t1', 'c9')).toBeUndefined();
    expect(store.sentIds('x1').sort()).toEqual(['c1', 'c2', 'c3'].map((c) => `facilitator/t1\n${c}`));
    expect(store.latestSnapshot('x1')).toEqual({ seq: 3, state, stateHash: 'S3' });
    store.replaceSnapshots('x1', { seq: 2, state, stateHash: 'S2' });
    expect(store.latestSnapshot('x1')).toEqual({ seq: 2, state, stateHash: 'S2' });
  });

  it('keeps tokens and join codes by hash, with revocation and rotation', async () => {
    const { store } = await open(backend);
    store.createExercise(record('x1'), [], [{ codeHash: 'ch1', seat: 'team:dga' }]);
    store.insertToken({
      id: 't1',
      exerciseId: 'x1',
      seat: 'team:dga',
      tokenHash: 'th1',
      label: 'a',
      createdAt: 5,
    });
    store.insertToken({
      id: 't2',
      exerciseId: 'x1',
      seat: 'team:dga',
      tokenHash: 'th2',
      label: 'b',
      createdAt: 6,
    });
    expect(store.findToken('th1')).toEqual({
      id: 't1',
      exerciseId: 'x1',
      seat: 'team:dga',
      label: 'a',
      createdAt: 5,
      revokedAt: null,
    });
    expect(store.revokeTokens('x1', { tokenId: 't1' }, 10)).toEqual(['t1']);
    expect(store.revokeTokens('x1', { seat: 'team:dga' }, 11)).toEqual(['t2']);
    expect(store.listTokens('x1').map((t) => [t.id, t.revokedAt])).toEqual([
      ['t1', 10],
      ['t2', 11],
    ]);
    expect(store.findCode('ch1')).toEqual({ exerciseId: 'x1', seat: 'team:dga' });
    store.replaceCode('x1', 'team:dga', 'ch2', 12);
    expect(store.findCode('ch1')).toBeUndefined();
    expect(store.findCode('ch2')).toEqual({ exerciseId: 'x1', seat: 'team:dga' });
  });
});

describe('PostgreSQL shared by several nodes', () => {
  it('migrates once when nodes start together, and refuses a schema newer than it knows', async () => {
    const place = await newPlace('postgres');
    const nodes = await Promise.all([1, 2, 3].map(() => openPgStore(place.databaseUrl!)));
    stores.push(...nodes);
    expect(await queryPlace(place, 'SELECT version FROM schema_version')).toEqual([
      { version: PG_MIGRATIONS.length },
    ]);
    await executePlace(place, 'UPDATE schema_version SET version = ?', [PG_MIGRATIONS.length + 1]);
    await expect(openPgStore(place.databaseUrl!)).rejects.toThrow(/newer than this server/);
  });

  it('lets exactly one of two nodes append the same next entry, and the loser cannot go on', async () => {
    const place = await newPlace('postgres');
    const a = await openPgStore(place.databaseUrl!);
    const b = await openPgStore(place.databaseUrl!);
    stores.push(a, b);
    a.createExercise(record('x1'), [], []);
    a.append('x1', [entry(1)]);
    // Both believe the head is h1 and write seq 2 at the same time, with different contents.
    const results = await Promise.allSettled([
      a.commit([{ exerciseId: 'x1', entries: [entry(2)], snapshots: [], finished: false }]),
      b.commit([
        {
          exerciseId: 'x1',
          entries: [entry(2, { hash: 'other', clientId: 'b2' })],
          snapshots: [],
          finished: false,
        },
      ]),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const winner = results[0]!.status === 'fulfilled' ? 'h2' : 'other';
    const loser = winner === 'h2' ? b : a;
    const loserHash = winner === 'h2' ? 'other' : 'h2';
    // The loser's next entry chains from its own seq 2, which is not stored: refused by the chain.
    expect(() => loser.append('x1', [entry(3, { prevHash: loserHash })])).toThrow(/does not continue/);
    expect(a.readLog('x1').map((e) => e.hash)).toEqual(['h1', winner]);
  });

  it('keeps answering when PostgreSQL cuts its connections in the middle of transactions', async () => {
    const place = await newPlace('postgres');
    const store = await openPgStore(place.databaseUrl!);
    stores.push(store);
    store.createExercise(record('x1'), [], []);
    // Transactions that hold their connection a while, so that the cuts find them in use (the thread
    // once died of that: pg reports a dropped connection on its client even after its query failed).
    const bridge = new PgBridge(place.databaseUrl!, 5000, 4);
    const slow = { statements: [{ sql: 'SELECT pg_sleep(0.02)' }, { sql: 'SELECT 1 AS one' }], tx: true };
    const errors: string[] = [];
    let ok = 0;
    let stop = false;
    const loops = [1, 2, 3, 4].map(async () => {
      while (!stop)
        await bridge.run(slow).then(
          () => ok++,
          (err: Error) => errors.push(err.message),
        );
    });
    const name = new URL(place.databaseUrl!).pathname.slice(1);
    // Every connection to the database, busy or idle, until some transaction was caught by a cut.
    let cut = 0;
    for (let i = 0; i < 4 || (errors.length === 0 && i < 40); i++) {
      await new Promise((r) => setTimeout(r, 150));
      const rows = await queryPlace<{ ok: boolean }>(
        place,
        'SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()',
        [name],
      );
      cut += rows.filter((r) => r.ok).length;
    }
    await new Promise((r) => setTimeout(r, 300));
    const before = ok;
    await new Promise((r) => setTimeout(r, 300));
    stop = true;
    await Promise.all(loops);
    expect(cut).toBeGreaterThan(0);
    // Cut transactions fail with the connection's error; none with a stopped thread; work goes on.
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.filter((m) => /thread stopped/.test(m))).toEqual([]);
    expect(ok).toBeGreaterThan(before);
    expect(await bridge.run({ statements: [{ sql: 'SELECT 2 AS two' }], tx: false })).toEqual([[{ two: 2 }]]);
    // The store's own connections were cut too: it answers afresh.
    expect(store.getExercise('x1')?.id).toBe('x1');
    bridge.close();
  });
});
