import fs from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export const SCREENSHOTS = path.resolve(import.meta.dirname, '../../../artifacts/screenshots');

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** One person at one seat: their own browser context (own storage), one page, errors collected. */
export interface Seat {
  name: string;
  context: BrowserContext;
  page: Page;
  errors: string[];
}

export async function openSeat(
  browser: Browser,
  name: string,
  viewport = { width: 1366, height: 900 },
): Promise<Seat> {
  const context = await browser.newContext({ viewport, locale: 'en-GB' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`${name}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${name}: console: ${m.text()}`);
  });
  return { name, context, page, errors };
}

export async function shoot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  // from the top, so the sticky bar sits where it belongs in a full-page picture
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * axe-core on the page as it is (WCAG 2 A/AA and best practices). The script is evaluated through the
 * DevTools protocol, so the app's Content-Security-Policy stays in force.
 */
export async function audit(page: Page): Promise<AxeFinding[]> {
  await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const w = window as unknown as { axe: typeof axe };
    const r = await w.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
}

export const serious = (findings: AxeFinding[]) =>
  findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');

/** What a page's client recorded for the benchmark (client/src/realtime/timings.ts). */
export interface Timing {
  kind: 'ack' | 'update' | 'shown';
  seq: number;
  t: number;
}

export const timings = (page: Page): Promise<Timing[]> =>
  page.evaluate(() => (window as unknown as { __arsenalTimings?: Timing[] }).__arsenalTimings ?? []);

export async function lastAck(page: Page): Promise<Timing> {
  const ack = (await timings(page)).filter((t) => t.kind === 'ack').pop();
  if (!ack) throw new Error('no ack recorded');
  return ack;
}

/** ms from `ack` to the first update carrying its seq on `page`, and to that version being rendered. */
export async function latency(ack: Timing, page: Page): Promise<{ received: number; shown: number } | null> {
  const all = await timings(page);
  const update = all.find((t) => t.kind === 'update' && t.seq === ack.seq);
  const shown = all.find((t) => t.kind === 'shown' && t.seq >= ack.seq);
  if (!update || !shown) return null;
  return { received: update.t - ack.t, shown: shown.t - ack.t };
}
