import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { Http } from '../../integration/helpers/http.ts';
import type { TestServer } from '../../integration/helpers/server.ts';
import { CHROMIUM, launch, openSeat, type Seat } from './browser.ts';
import { createFromHome, facilitatorToken, joinWith, type Created } from './room.ts';
import { buildClient, serveClient } from './server.ts';

type Viewport = { width: number; height: number };

/** The tutorial in a real server and Chromium: the facilitator's console and some teams joined. */
export interface WhiteCellRoom {
  server: TestServer;
  http: Http;
  browser: Browser;
  /** The facilitator's console, where the exercise was created from the home page. */
  fac: Seat;
  /** Each team's player, by team id, joined with the team's code. */
  teams: Record<string, Seat>;
  ex: Created;
  /** The facilitator's seat token, for the server's export (what is logged). */
  token: string;
  close(): Promise<void>;
}

/**
 * The set-up the White Cell's end-to-end tests share: the built client served by a real server, the
 * facilitator creating the tutorial from the home page, then each team joining by its code (a name
 * each, as people do).
 */
export async function whiteCellRoom(opts: {
  /** Team id → the name its player gives when joining. */
  teams: Record<string, string>;
  facViewport?: Viewport;
  teamViewport?: Viewport;
  /** Accept every question the console asks (for tests that are not about the questions). */
  acceptDialogs?: boolean;
}): Promise<WhiteCellRoom> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
  const server = await serveClient(await buildClient());
  const http = new Http(server.url);
  const browser = await launch();
  const fac = await openSeat(browser, 'facilitator', opts.facViewport);
  const teams: Record<string, Seat> = {};
  for (const team of Object.keys(opts.teams)) teams[team] = await openSeat(browser, team, opts.teamViewport);
  if (opts.acceptDialogs) fac.page.on('dialog', (d) => void d.accept());
  const ex = await createFromHome(fac.page, server.url, 'tutorial');
  for (const [team, name] of Object.entries(opts.teams)) {
    const code = ex.codes[`team:${team}`];
    if (!code) throw new Error(`no join code for team ${team}`);
    await joinWith(teams[team]!.page, server.url, code, name);
  }
  const token = await facilitatorToken(fac.page, ex.exerciseId);
  return {
    server,
    http,
    browser,
    fac,
    teams,
    ex,
    token,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
