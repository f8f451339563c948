import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { viewFor, ErrorCode } from '@arsenal/shared';
import { diff, encodeUpdate } from '@arsenal/shared/protocol';
import { ExerciseConnection, type ClientSocket } from '../../client/src/realtime/connection.ts';
import { bundled, Driver, teamActor } from '../helpers/scenarios.ts';

const tutorial = bundled('tutorial');

/** A socket.io client stand-in: records emits and answers `sync` and `command` as told. */
class FakeSocket extends EventEmitter {
  connected = false;
  recovered = false;
  active = true;
  sent: { event: string; payload: unknown }[] = [];
  answer: Record<string, (payload: unknown) => unknown> = {};
  timeout() {
    return {
      emitWithAck: async (event: string, payload: unknown) => {
        this.sent.push({ event, payload });
        return this.answer[event]!(payload);
      },
    };
  }
  connect() {
    this.connected = true;
    this.emit('connect');
    return this;
  }
  disconnect() {
    this.connected = false;
    return this;
  }
}

const connections: ExerciseConnection[] = [];
afterEach(() => connections.splice(0).forEach((c) => c.close()));

function setup() {
  const d = new Driver(tutorial).toPlanning();
  const socket = new FakeSocket();
  let version = 3;
  socket.answer.sync = () => ({
    ok: true,
    exerciseId: 'x1',
    seat: { role: 'team', team: 'autoco' },
    version,
    seq: version,
    view: viewFor(tutorial, d.state, { role: 'team', team: 'autoco' }),
  });
  const c = new ExerciseConnection({ token: 'x'.repeat(20), open: () => socket as unknown as ClientSocket });
  connections.push(c);
  return { d, socket, c, setVersion: (v: number) => (version = v) };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('exercise connection', () => {
  it('syncs on connect, then applies patches and resyncs after a gap', async () => {
    const { d, socket, c } = setup();
    expect(c.getSnapshot().link).toBe('connecting');
    socket.connect();
    await settle();
    expect(c.getSnapshot()).toMatchObject({ link: 'live', version: 3 });
    const before = c.getSnapshot().view!;
    d.do(teamActor('dga'), { type: 'submitOrders', orders: [] });
    const after = viewFor(tutorial, d.state, { role: 'team', team: 'autoco' });
    socket.emit('update', encodeUpdate({ base: 3, version: 4, ops: diff(before, after) }));
    expect(c.getSnapshot().version).toBe(4);
    expect(c.getSnapshot().view!.teams.find((t) => t.id === 'dga')!.submitted).toBe(true);
    const syncs = socket.sent.filter((s) => s.event === 'sync').length;
    socket.emit('update', encodeUpdate({ base: 7, version: 8, ops: [] }));
    await settle();
    expect(socket.sent.filter((s) => s.event === 'sync').length).toBe(syncs + 1);
    // an update that does not decode is treated like a gap: the client asks for the full view
    socket.emit('update', '{"base":');
    await settle();
    expect(socket.sent.filter((s) => s.event === 'sync').length).toBe(syncs + 2);
  });

  it('asks again when a sync is refused as busy (an exercise changing servers), until the view comes', async () => {
    const { socket, c } = setup();
    const ok = socket.answer.sync!;
    let busy = 2;
    socket.answer.sync = (p) =>
      busy-- > 0 ? { ok: false, code: ErrorCode.Busy, message: 'The exercise moved; try again.' } : ok(p);
    socket.connect();
    await settle();
    expect(c.getSnapshot()).toMatchObject({ link: 'syncing', error: { code: ErrorCode.Busy } });
    await vi.waitFor(() => expect(c.getSnapshot()).toMatchObject({ link: 'live', version: 3, error: null }), {
      timeout: 3000,
    });
    expect(socket.sent.filter((s) => s.event === 'sync').length).toBe(3);
    // a refusal that is not busy is final: no more syncs are sent
    socket.answer.sync = () => ({ ok: false, code: ErrorCode.NotFound, message: 'gone' });
    await c.resync();
    expect(c.getSnapshot().link).toBe('denied');
    expect(socket.sent.filter((s) => s.event === 'sync').length).toBe(4);
  });

  it('sends commands with the version they were decided on, and retries a conflict only if still sensible', async () => {
    const { socket, c, setVersion } = setup();
    socket.connect();
    await settle();
    const answers = [
      { ok: false, code: ErrorCode.Conflict, message: 'stale' },
      { ok: true, seq: 6, version: 6 },
    ];
    socket.answer.command = () => answers.shift();
    setVersion(5);
    const recheck = vi.fn(() => true);
    const res = await c.send({ type: 'submitOrders', orders: [] }, { recheck });
    expect(res).toEqual({ ok: true, seq: 6, version: 6 });
    const commands = socket.sent
      .filter((s) => s.event === 'command')
      .map((s) => s.payload as { id: string; expectedVersion: number });
    expect(commands.map((p) => p.expectedVersion)).toEqual([3, 5]);
    expect(commands[0]!.id).not.toBe(commands[1]!.id);
    expect(recheck).toHaveBeenCalledTimes(1);
  });

  it('shows reconnecting on a drop and denied when the seat is refused', async () => {
    const { socket, c } = setup();
    socket.connect();
    await settle();
    socket.emit('disconnect', 'transport close');
    expect(c.getSnapshot().link).toBe('reconnecting');
    socket.emit('connect_error', Object.assign(new Error('revoked'), { data: { code: ErrorCode.Revoked } }));
    expect(c.getSnapshot().link).toBe('denied');
  });
});
