import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_EVENTS, LIMITS, type CreatedExercise } from '@arsenal/shared/protocol';
import { defaultConfig } from '../../server/src/config.ts';
import { SeatClient } from './helpers/client.ts';
import { Http } from './helpers/http.ts';
import { startServer, type TestServer } from './helpers/server.ts';

/**
 * Hostile input over the socket and over HTTP: every answer is an error with a code, nothing is stored,
 * the server stays up, another team keeps playing, and Object.prototype is untouched. The fuzzing server
 * has its rate limits lifted so that payloads reach the parser; the flood runs against the default ones.
 */

let fuzzServer: TestServer;
let server: TestServer;
const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();

const lifted = {
  ...defaultConfig.limits,
  eventBurst: 1e9,
  eventsPerSecond: 1e9,
  createBurst: 1e9,
  createsPerMinute: 1e9,
  joinBurst: 1e9,
  joinsPerMinute: 1e9,
  badCodeBurst: 1e9,
  badCodesPerMinute: 1e9,
};

beforeAll(async () => {
  fuzzServer = await startServer({ config: { limits: lifted } });
  server = await startServer();
});
afterAll(async () => {
  // Bad input is answered, never a failure of the server's own.
  expect(fuzzServer.logs.filter((l) => l.includes('"level":"error"'))).toEqual([]);
  await fuzzServer.close();
  await server.close();
});

interface Players {
  created: CreatedExercise;
  attacker: SeatClient;
  bystander: SeatClient;
  facilitator: SeatClient;
}

async function players(s: TestServer): Promise<Players> {
  const http = new Http(s.url);
  const created = await http.create({ scenarioId: 'tutorial', seed: 3 });
  const facilitator = await SeatClient.connect(s.url, created.facilitator.token);
  expect((await facilitator.send({ type: 'startPlanning' })).ok).toBe(true);
  const attacker = await SeatClient.connect(s.url, (await http.join(created.codes.teams.autoco!)).token);
  const bystander = await SeatClient.connect(s.url, (await http.join(created.codes.teams.dga!)).token);
  return { created, attacker, bystander, facilitator };
}

/** The bystander still plays normally, and its message reaches the facilitator. */
async function bystanderStillPlays(p: Players, text: string) {
  const ack = await p.bystander.send({ type: 'message', to: 'facilitator', text });
  expect(ack.ok).toBe(true);
  await p.facilitator.until(
    () => p.facilitator.view.messages.some((m) => m.text === text),
    'message arrives',
  );
}

const reserved = new Set([
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'removeListener',
]);

/** Payloads in every shape a broken or hostile client might send. */
const nasty = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.anything({
      maxDepth: 4,
      withBigInt: false,
      withTypedArray: false,
      withSparseArray: true,
      withNullPrototype: true,
    }),
    fc.jsonValue({ maxDepth: 5 }),
    fc.record(
      {
        id: fc.oneof(fc.string(), fc.integer(), fc.constant('__proto__')),
        expectedVersion: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)),
        command: fc.oneof(
          fc.jsonValue({ maxDepth: 3 }),
          fc.record(
            {
              type: fc.constantFrom(
                'message',
                'submitOrders',
                'override',
                'setDeadline',
                'constructor',
                '__proto__',
              ),
              to: fc.string(),
              text: fc.string(),
              orders: fc.jsonValue(),
            },
            { requiredKeys: ['type'] },
          ),
        ),
        extra: fc.jsonValue({ maxDepth: 2 }),
      },
      { requiredKeys: [] },
    ),
    fc.constantFrom(
      JSON.parse('{"__proto__":{"polluted":"yes"}}'),
      JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}'),
      JSON.parse(
        '{"id":"a","expectedVersion":0,"command":{"type":"message","to":"dga","text":"x","__proto__":{"polluted":"yes"}}}',
      ),
      JSON.parse(
        '{"id":"a","expectedVersion":0,"command":{"__proto__":{"type":"message"},"to":"dga","text":"x"}}',
      ),
      JSON.parse('{"tokenId":"x","__proto__":{"polluted":"yes"}}'),
      { seat: 'team:__proto__' },
      { seat: 'constructor' },
      { id: 'x'.repeat(50_000), expectedVersion: 0, command: { type: 'message', to: 'dga', text: 'x' } },
      { id: 'a', expectedVersion: 0, command: { type: 'message', to: 'dga', text: 'y'.repeat(60_000) } },
      deep(500), // deeper nesting goes as raw frames below (socket.io-client itself recurses over payloads)
    ),
  );

function deep(levels: number): unknown {
  let v: unknown = { type: 'message' };
  for (let i = 0; i < levels; i++) v = i % 2 ? [v] : { command: v };
  return v;
}

const isEmptyObject = (v: unknown) =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;

describe('bad input over the socket', () => {
  it('answers every malformed payload of every event with an error and stores nothing', async () => {
    const p = await players(fuzzServer);
    const session = fuzzServer.app.sessions.get(p.created.exerciseId)!;
    const seq = session.lastSeq;
    for (const event of CLIENT_EVENTS) {
      await fc.assert(
        fc.asyncProperty(nasty(), async (payload) => {
          // `sync` takes an empty object; any empty object is a valid request, not bad input.
          fc.pre(!(event === 'sync' && isEmptyObject(payload)));
          const ack = (await p.attacker.loose.timeout(30_000).emitWithAck(event, payload)) as {
            ok: boolean;
            code?: string;
            message?: string;
          };
          expect(ack.ok).toBe(false);
          expect(ack.code).toMatch(/^(input|auth)\/[a-z_]+$/);
          expect(typeof ack.message).toBe('string');
        }),
        { numRuns: 150 },
      );
    }
    expect(session.lastSeq).toBe(seq);
    await bystanderStillPlays(p, 'still here after the fuzz');
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    for (const c of [p.attacker, p.bystander, p.facilitator]) c.close();
  });

  it('answers unknown events, extra arguments and missing acks with an error', async () => {
    const p = await players(fuzzServer);
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 60 }),
        fc.jsonValue({ maxDepth: 2 }),
        async (event, payload) => {
          fc.pre(!reserved.has(event) && !(CLIENT_EVENTS as readonly string[]).includes(event));
          const ack = (await p.attacker.loose.timeout(30_000).emitWithAck(event, payload)) as {
            ok: boolean;
            code?: string;
          };
          expect(ack).toMatchObject({ ok: false, code: 'input/unknown_event' });
        },
      ),
      { numRuns: 100 },
    );
    const two = (await p.attacker.loose.timeout(30_000).emitWithAck('sync', {}, {})) as {
      ok: boolean;
      code?: string;
    };
    expect(two).toMatchObject({ ok: false, code: 'input/bad_payload' });
    // Without an ack callback the error comes back as a protocolError event.
    const seen = new Promise((resolve) => p.attacker.socket.once('protocolError', resolve));
    p.attacker.loose.emit('nonsense', {});
    expect(await seen).toMatchObject({ ok: false, code: 'input/unknown_event', event: 'nonsense' });
    await bystanderStillPlays(p, 'still here after unknown events');
    for (const c of [p.attacker, p.bystander, p.facilitator]) c.close();
  });

  it('refuses oversized events, survives malformed frames, and closes only the offending transport', async () => {
    const p = await players(fuzzServer);
    const big = {
      id: 'big',
      expectedVersion: 0,
      command: { type: 'message', to: 'dga', text: 'z'.repeat(LIMITS.maxEventBytes) },
    };
    const ack = (await p.attacker.loose.timeout(30_000).emitWithAck('command', big)) as {
      ok: boolean;
      code?: string;
    };
    expect(ack).toMatchObject({ ok: false, code: 'input/too_large' });

    // Raw engine.io frames that no socket.io client would write: broken JSON, a 30,000-deep array,
    // a binary placeholder with no attachment. The connection may be dropped; nothing else happens.
    const raw = await SeatClient.connect(
      fuzzServer.url,
      (await new Http(fuzzServer.url).join(p.created.codes.teams.army!)).token,
    );
    const engine = raw.socket.io.engine;
    engine.send('42["command",{"id":');
    engine.send(`42["command",${'['.repeat(30_000)}${']'.repeat(30_000)}]`);
    engine.send('451-["command",{"_placeholder":true,"num":0}]');
    engine.send(
      `42["command",{"id":"x","expectedVersion":0,"command":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}]`,
    );

    // Above the transport's hard limit the connection is closed outright.
    const huge = await SeatClient.connect(
      fuzzServer.url,
      (await new Http(fuzzServer.url).join(p.created.codes.teams.army!)).token,
    );
    const closed = new Promise((resolve) => huge.socket.once('disconnect', resolve));
    huge.loose.emit('command', {
      id: 'huge',
      expectedVersion: 0,
      command: { type: 'message', to: 'dga', text: 'h'.repeat(2_000_000) },
    });
    await closed;
    huge.close();
    raw.close();

    const health = await new Http(fuzzServer.url).get('/api/health');
    expect(health.status).toBe(200);
    await bystanderStillPlays(p, 'still here after oversized events');
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
    for (const c of [p.attacker, p.bystander, p.facilitator]) c.close();
  });

  it('throttles one socket sending 1,000 events at once; everyone else is unaffected', async () => {
    const p = await players(server);
    const session = server.app.sessions.get(p.created.exerciseId)!;
    const seq = session.lastSeq;
    const acks = await Promise.all(
      Array.from({ length: 1_000 }, (_, i) =>
        p.attacker.loose.timeout(30_000).emitWithAck('command', {
          id: `flood-${i}`,
          expectedVersion: 0,
          command: { type: 'note', text: 'x' },
        }),
      ),
    );
    const codes = new Map<string, number>();
    for (const a of acks as { ok: boolean; code?: string }[])
      codes.set(a.code ?? 'ok', (codes.get(a.code ?? 'ok') ?? 0) + 1);
    // Each is answered: the burst reaches the machine (which refuses a team's note), the rest are throttled.
    expect([...codes.keys()].sort()).toEqual(['auth/forbidden', 'input/rate_limited']);
    expect(codes.get('input/rate_limited')).toBeGreaterThan(800);
    expect(session.lastSeq).toBe(seq);
    await bystanderStillPlays(p, 'still here during the flood');
    for (const c of [p.attacker, p.bystander, p.facilitator]) c.close();
  });
});

describe('bad input over HTTP', () => {
  it('answers malformed bodies with 4xx and a code, never 500', async () => {
    const http = new Http(fuzzServer.url);
    for (const path of ['/api/exercises', '/api/join']) {
      await fc.assert(
        fc.asyncProperty(nasty(), async (body) => {
          const res = await http.request('POST', path, { raw: JSON.stringify(body) ?? 'null' });
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
          expect(res.body).toMatchObject({ ok: false });
          expect(String((res.body as { code?: string }).code)).toMatch(/^(input|auth|session)\/[a-z_]+$/);
        }),
        { numRuns: 100 },
      );
    }
    expect((await http.request('POST', '/api/join', { raw: '{"code": ' })).status).toBe(400);
    expect(
      (await http.request('POST', '/api/join', { raw: JSON.stringify({ code: 'x'.repeat(10_000) }) })).status,
    ).toBe(413);
    expect(
      (
        await http.request('POST', '/api/exercises', {
          raw: 'scenarioId: tutorial',
          headers: { 'content-type': 'text/yaml' },
        })
      ).status,
    ).toBe(400);
    expect((await http.get('/api/exercises/%00%ff/export', 'x'.repeat(30))).status).toBeLessThan(500);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
  });
});
