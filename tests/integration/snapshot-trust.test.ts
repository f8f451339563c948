import { afterAll, describe, expect, it } from 'vitest';
import { hashState, replay, type ExerciseState } from '@arsenal/shared';
import type { FacilitatorExport } from '@arsenal/shared/protocol';
import { BACKENDS, dropPgDatabases, executePlace, newPlace, queryPlace } from './helpers/backends.ts';
import { SeatClient } from './helpers/client.ts';
import { Http } from './helpers/http.ts';
import { startServer } from './helpers/server.ts';

/**
 * Snapshots are a cache of folds of the log. One edited in the database, with its hash recomputed so
 * that it looks whole, must not be trusted over the log: the server rebuilds from the log, reports
 * the disagreement, and replaces the snapshot.
 */

afterAll(dropPgDatabases);

describe.each(BACKENDS)('snapshots as stored (%s)', (backend) => {
  it('one a month, each with the hash of the log folded to its seq (hashed on a worker)', async () => {
    const place = await newPlace(backend);
    let server = await startServer(place);
    const created = await new Http(server.url).create({
      scenarioId: 'tutorial',
      seed: 5,
      bots: ['army', 'autoco', 'dga'],
    });
    try {
      const fac = await SeatClient.connect(server.url, created.facilitator.token);
      expect((await fac.send({ type: 'startPlanning' })).ok).toBe(true);
      for (let month = 2; month <= 3; month++) {
        await fac.until(() => fac.view.teams.every((t) => t.submitted), 'the bots submit');
        expect((await fac.sendFresh({ type: 'adjudicate' })).ok).toBe(true);
        expect((await fac.sendFresh({ type: 'publish' })).ok).toBe(true);
      }
      fac.close();
    } finally {
      // shut down as soon as the last month began: its snapshot is written all the same
      await server.close();
    }
    server = await startServer(place);
    let exported: FacilitatorExport;
    try {
      const res = await new Http(server.url).get<FacilitatorExport>(
        `/api/exercises/${created.exerciseId}/export`,
        created.facilitator.token,
      );
      exported = res.body;
    } finally {
      await server.close();
    }
    const snaps = await queryPlace<{ seq: number; state: string; state_hash: string }>(
      place,
      'SELECT seq, state, state_hash FROM snapshots WHERE exercise_id = ? ORDER BY seq',
      [created.exerciseId],
    );
    const publishes = exported.entries.filter((e) => e.command.type === 'publish').map((e) => e.seq);
    expect(publishes).toHaveLength(2);
    expect(snaps.map((s) => s.seq)).toEqual(publishes);
    for (const snap of snaps) {
      const upTo = exported.entries.filter((e) => e.seq <= snap.seq);
      expect(snap.state_hash).toBe(hashState(replay(exported.scenario, exported.setup, upTo)));
      expect(hashState(JSON.parse(snap.state) as ExerciseState)).toBe(snap.state_hash);
    }
  });
});

describe.each(BACKENDS)('a snapshot edited in the database (%s)', (backend) => {
  it('loses to the log, is reported, and is replaced by the fold', async () => {
    const place = await newPlace(backend);
    let server = await startServer(place);
    const http = new Http(server.url);
    const created = await http.create({ scenarioId: 'tutorial', seed: 3, bots: ['army', 'autoco', 'dga'] });
    const fac = await SeatClient.connect(server.url, created.facilitator.token);
    expect((await fac.send({ type: 'startPlanning' })).ok).toBe(true);
    await fac.until(() => fac.view.teams.every((t) => t.submitted), 'the bots submit');
    expect((await fac.sendFresh({ type: 'adjudicate' })).ok).toBe(true);
    expect((await fac.sendFresh({ type: 'publish' })).ok).toBe(true);
    await fac.until(() => fac.view.month === 2, 'month 2');
    fac.close();
    await server.close();

    const [snap] = await queryPlace<{ seq: number; state: string }>(
      place,
      'SELECT seq, state FROM snapshots WHERE exercise_id = ? ORDER BY seq DESC LIMIT 1',
      [created.exerciseId],
    );
    expect(snap).toBeDefined();
    const edited = JSON.parse(snap!.state) as ExerciseState;
    const team = Object.values(edited.context.game.teams)[0]!;
    team.money += 1_000_000_000;
    await executePlace(
      place,
      'UPDATE snapshots SET state = ?, state_hash = ? WHERE exercise_id = ? AND seq = ?',
      [JSON.stringify(edited), hashState(edited), created.exerciseId, snap!.seq],
    );

    server = await startServer(place);
    try {
      const exported = (
        await new Http(server.url).get<FacilitatorExport>(
          `/api/exercises/${created.exerciseId}/export`,
          created.facilitator.token,
        )
      ).body;
      const fromLog = replay(exported.scenario, exported.setup, exported.entries);
      expect(exported.stateHash).toBe(hashState(fromLog));
      expect(hashState(server.app.sessions.get(created.exerciseId)!.current())).toBe(hashState(fromLog));
      expect(server.logs.some((l) => l.includes('snapshot disagrees with the log'))).toBe(true);
      const [after] = await queryPlace<{ state_hash: string }>(
        place,
        'SELECT state_hash FROM snapshots WHERE exercise_id = ? AND seq = ?',
        [created.exerciseId, snap!.seq],
      );
      const upTo = exported.entries.filter((e) => e.seq <= snap!.seq);
      expect(after!.state_hash).toBe(hashState(replay(exported.scenario, exported.setup, upTo)));
      expect(after!.state_hash).not.toBe(hashState(edited));
    } finally {
      await server.close();
    }
  });
});
