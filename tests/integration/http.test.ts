import fs from 'node:fs';
import path from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scenario } from '@arsenal/shared';
import { facilitatorExportSchema, type FacilitatorExport, type SeatExport } from '@arsenal/shared/protocol';
import { defaultConfig } from '../../server/src/config.ts';
import { SeatClient } from './helpers/client.ts';
import { Http } from './helpers/http.ts';
import { REPO, startServer, tempDir, type TestServer } from './helpers/server.ts';

/** The HTTP API as the README documents it: answers, errors with codes and paths, and its guards. */

let server: TestServer;
let http: Http;
const tutorialText = fs.readFileSync(path.join(REPO, 'shared/scenarios/tutorial.yaml'), 'utf8');

beforeAll(async () => {
  // Creation is rate-limited per address (tested on its own below); this file creates many.
  const limits = { ...defaultConfig.limits, createBurst: 100 };
  server = await startServer({ config: { allowedOrigins: ['https://ok.example'], limits } });
  http = new Http(server.url);
});
afterAll(() => server.close());

describe('HTTP API', () => {
  it('answers health and lists the bundled scenarios', async () => {
    const health = await http.get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ ok: true, liveExercises: expect.any(Number) });
    const list = await http.get<{ scenarios: { id: string; teams: unknown[] }[] }>('/api/scenarios');
    expect(list.body.scenarios.map((s) => s.id).sort()).toEqual(['france-2025', 'tutorial']);
    expect(list.body.scenarios.find((s) => s.id === 'tutorial')?.teams).toHaveLength(3);
  });

  it('creates from a bundled scenario or an uploaded file, and says what is wrong with paths', async () => {
    const fromText = await http.post('/api/exercises', {
      scenarioText: tutorialText,
      seed: 4,
      bots: ['army'],
    });
    expect(fromText.status).toBe(201);
    expect(fromText.body).toMatchObject({
      ok: true,
      exerciseId: expect.stringMatching(/^[0-9a-z]{16}$/),
      facilitator: {
        token: expect.any(String),
        link: expect.stringMatching(/\/x\/[0-9a-z]{16}\/facilitator#token=/),
      },
      codes: { teams: { dga: expect.any(String), autoco: expect.any(String), army: expect.any(String) } },
      joinLink: expect.stringMatching(/\/join$/),
    });

    const unknown = await http.post('/api/exercises', { scenarioId: 'atlantis' });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ ok: false, code: 'session/not_found' });

    const both = await http.post('/api/exercises', { scenarioId: 'tutorial', scenarioText: tutorialText });
    expect(both.status).toBe(400);
    expect(both.body).toMatchObject({ code: 'input/bad_payload', errors: [{ path: 'scenarioId' }] });

    const broken = await http.post('/api/exercises', {
      scenarioText: tutorialText.replace('owner: autoco', 'owner: nobody'),
    });
    expect(broken.status).toBe(422);
    expect(broken.body).toMatchObject({
      code: 'input/bad_payload',
      errors: [{ path: 'plants.0.owner', message: expect.stringContaining('nobody') }],
    });

    const yaml = await http.post('/api/exercises', { scenarioText: 'meta: [unclosed' });
    expect(yaml.status).toBe(422);
    expect(yaml.body).toMatchObject({ errors: [{ path: '(root)' }] });

    const bots = await http.post('/api/exercises', { scenarioId: 'tutorial', bots: ['army', 'martians'] });
    expect(bots.status).toBe(422);
    expect(bots.body).toMatchObject({ errors: [{ path: 'bots.1' }] });

    const tooBig = await http.post('/api/exercises', { scenarioText: 'x'.repeat(3_000_000) });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body).toMatchObject({ ok: false, code: 'input/too_large' });
  });

  it('gives a public summary, the scenario as a seat may see it, and exports as each seat may see them', async () => {
    const created = await http.create({ scenarioId: 'tutorial', seed: 8 });
    const base = `/api/exercises/${created.exerciseId}`;
    expect((await http.get(base)).body).toMatchObject({
      exercise: { phase: 'lobby', month: 1, turns: 6, finished: false },
    });
    expect((await http.get('/api/exercises/nosuchexercise00')).status).toBe(404);

    const fac = await SeatClient.connect(server.url, created.facilitator.token);
    const dga = await http.join(created.codes.teams.dga!);
    const army = await http.join(created.codes.teams.army!);
    const display = await http.join(created.codes.display);
    const dgaClient = await SeatClient.connect(server.url, dga.token);
    const armyClient = await SeatClient.connect(server.url, army.token);
    expect((await fac.send({ type: 'startPlanning' })).ok).toBe(true);
    expect((await dgaClient.sendFresh({ type: 'submitOrders', orders: [] })).ok).toBe(true);
    expect((await dgaClient.sendFresh({ type: 'message', to: 'autoco', text: 'dga to autoco' })).ok).toBe(
      true,
    );
    expect((await armyClient.sendFresh({ type: 'message', to: 'dga', text: 'army to dga' })).ok).toBe(true);
    expect((await fac.sendFresh({ type: 'message', to: 'all', text: 'to everyone' })).ok).toBe(true);

    const full = (await http.get<FacilitatorExport>(`${base}/export`, created.facilitator.token)).body;
    expect(full).toMatchObject({
      format: 'arsenal-export/1',
      audience: 'facilitator',
      setup: { seed: 8, bots: [] },
    });
    expect(full.entries.every((e) => /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
    // The file the server writes is the one the schema states (and imports read).
    const parsed = facilitatorExportSchema.safeParse(full);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);

    const armyExport = await http.get<SeatExport>(`${base}/export`, army.token);
    expect(armyExport.body.audience).toBe('team:army');
    expect(armyExport.body.entries.map((e) => e.command.type)).toEqual([
      'startPlanning',
      'message',
      'message',
    ]);
    expect(armyExport.text).not.toContain('dga to autoco');
    expect(armyExport.text).not.toContain('"hash"');
    const displayExport = await http.get<SeatExport>(`${base}/export`, display.token);
    expect(displayExport.body.entries.map((e) => e.command.type)).toEqual(['startPlanning', 'message']);

    expect((await http.get(`${base}/export`)).status).toBe(401);
    const other = await http.create({ scenarioId: 'tutorial' });
    expect((await http.get(`${base}/export`, other.facilitator.token)).status).toBe(404);

    const seen = (await http.get<{ scenario: Scenario }>(`${base}/scenario`, army.token)).body.scenario;
    expect(seen.injects).toEqual([]);
    expect(seen.teams).toHaveLength(3);
    const all = (await http.get<{ scenario: Scenario }>(`${base}/scenario`, created.facilitator.token)).body
      .scenario;
    expect(all.injects.length).toBeGreaterThan(0);
    for (const c of [fac, dgaClient, armyClient]) c.close();
  });

  it('sends security headers and keeps to the origin allow-list', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();

    const evil = await http.request('POST', '/api/join', {
      body: { code: 'x' },
      headers: { origin: 'https://evil.example' },
    });
    expect(evil.status).toBe(403);
    const friend = await fetch(`${server.url}/api/health`, { headers: { origin: 'https://ok.example' } });
    expect(friend.headers.get('access-control-allow-origin')).toBe('https://ok.example');
    const self = await http.request('GET', '/api/health', { headers: { origin: server.url } });
    expect(self.status).toBe(200);

    const created = await http.create({ scenarioId: 'tutorial' });
    const socket = io(server.url, {
      auth: { token: created.facilitator.token },
      transports: ['websocket'],
      extraHeaders: { origin: 'https://evil.example' },
      reconnection: false,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => reject(new Error('a foreign origin got a socket')));
      socket.once('connect_error', () => resolve());
    });
    socket.close();
  });

  it('rate-limits creating exercises per address', async () => {
    const limited = await startServer();
    const h = new Http(limited.url);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await h.post('/api/exercises', { scenarioId: 'tutorial' })).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(201));
    expect(statuses.slice(10)).toEqual([429, 429]);
    await limited.close();
  });

  it('serves the built client, with index.html for client routes', async () => {
    const dist = tempDir('arsenal-dist-');
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Arsenal</title>');
    fs.writeFileSync(path.join(dist, 'assets/app.js'), 'console.log(1)');
    const withClient = await startServer({ config: { clientDist: dist } });
    const h = new Http(withClient.url);
    expect((await h.get('/')).text).toContain('<title>Arsenal</title>');
    expect((await h.get('/x/abc/facilitator')).text).toContain('<title>Arsenal</title>');
    const js = await fetch(`${withClient.url}/assets/app.js`);
    expect(js.headers.get('content-type')).toContain('javascript');
    const api = await h.get('/api/nothing-here');
    expect(api.status).toBe(404);
    expect(api.body).toMatchObject({ ok: false, code: 'session/not_found' });
    await withClient.close();
  });
});
