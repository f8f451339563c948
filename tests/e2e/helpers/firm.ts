import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { expect } from 'vitest';
import type { CreatedExercise, CreateExerciseBody } from '@arsenal/shared/protocol';
import { SeatClient } from '../../integration/helpers/client.ts';
import { Http } from '../../integration/helpers/http.ts';
import type { TestServer } from '../../integration/helpers/server.ts';
import { CHROMIUM, launch, openSeat, type Seat } from './browser.ts';
import { joinWith, tab, waitPhase } from './room.ts';
import { buildClient, serveClient } from './server.ts';

/** A firm's player at the Orders tab of month 1's planning, with the facilitator on a plain socket. */
export interface FirmRoom {
  server: TestServer;
  browser: Browser;
  created: CreatedExercise;
  /** The facilitator, as a socket.io client (the browser is the firm's). */
  fac: SeatClient;
  /** The team's player (AutoCo's unless told), "Ana", in Chromium. */
  ana: Seat;
  close(): Promise<void>;
}

/**
 * The set-up of the tests of a firm's orders: the built client served by a real server, an exercise
 * created over HTTP, AutoCo (or the team given) joined by its code in Chromium, planning started, the
 * Orders tab open.
 */
export async function firmAtOrders(create: CreateExerciseBody, team = 'autoco'): Promise<FirmRoom> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
  const server = await serveClient(await buildClient());
  const created = await new Http(server.url).create(create);
  const fac = await SeatClient.connect(server.url, created.facilitator.token);
  const browser = await launch();
  const ana = await openSeat(browser, 'ana');
  await joinWith(ana.page, server.url, created.codes.teams[team]!, 'Ana');
  expect((await fac.sendFresh({ type: 'startPlanning' })).ok).toBe(true);
  await waitPhase(ana.page, 'planning');
  await tab(ana.page, /^Orders/);
  return {
    server,
    browser,
    created,
    fac,
    ana,
    close: async () => {
      fac.socket.disconnect();
      await browser.close();
      await server.close();
    },
  };
}
