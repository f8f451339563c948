import type { Page } from 'playwright-core';

/** Steps several end-to-end tests share: create an exercise in the home page, join with a code. */

export const STEP = 30_000;

export interface Created {
  exerciseId: string;
  codes: Record<string, string>;
}

/** Creates an exercise of a bundled scenario from the home page and opens the facilitator console. */
export async function createFromHome(p: Page, url: string, scenario: string): Promise<Created> {
  await p.goto(`${url}/`);
  await p.getByLabel('Bundled scenario', { exact: true }).selectOption(scenario);
  await p.getByRole('button', { name: 'Create the exercise' }).click();
  await p.getByRole('heading', { name: /is ready$/ }).waitFor({ timeout: STEP });
  const codes: Record<string, string> = {};
  for (const el of await p.locator('.seat-code').all()) {
    const seat = await el.getAttribute('data-seat');
    const code = await el.locator('.code').getAttribute('data-code');
    if (seat && code) codes[seat] = code;
  }
  await p.getByRole('button', { name: 'Open the facilitator console' }).click();
  await p.locator('[data-link="live"]').waitFor({ timeout: STEP });
  const exerciseId = /\/x\/([^/]+)\//.exec(p.url())?.[1];
  if (!exerciseId) throw new Error(`no exercise id in ${p.url()}`);
  return { exerciseId, codes };
}

/** Joins a seat with its code through the join page, as a person with a laptop would. */
export async function joinWith(p: Page, url: string, code: string, name: string): Promise<void> {
  await p.goto(`${url}/join?code=${encodeURIComponent(code)}`);
  await p.getByLabel('Your name (optional)').fill(name);
  await p.getByRole('button', { name: 'Join' }).click();
  await p.locator('[data-link="live"]').waitFor({ timeout: STEP });
}

export async function waitPhase(p: Page, phase: string): Promise<void> {
  await p.locator(`.topbar [data-phase="${phase}"]`).waitFor({ timeout: STEP });
}

export async function tab(p: Page, name: RegExp): Promise<void> {
  await p.getByRole('tab', { name }).click();
}

/** Adds one order through the team console's order editor. */
export async function addOrder(p: Page, type: string, fields: Record<string, string> = {}): Promise<void> {
  const more = p.getByRole('button', { name: 'Add another order' });
  if (await more.isVisible()) await more.click();
  const editor = p.getByRole('form', { name: 'Add an order' });
  await editor.getByLabel('Order', { exact: true }).selectOption(type);
  for (const [label, value] of Object.entries(fields)) {
    const field = editor.getByLabel(label, { exact: true });
    if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
  await editor.getByRole('button', { name: 'Add to the orders' }).click();
}

/** A seat's token, as the page keeps it in localStorage (a link's fragment is hidden once read). */
export async function seatToken(p: Page, exerciseId: string, seat: string): Promise<string> {
  const token = await p.evaluate(
    ([id, key]) =>
      localStorage.getItem(Object.keys(localStorage).find((k) => k.endsWith(`token:${id}:${key}`)) ?? ''),
    [exerciseId, seat] as const,
  );
  if (!token) throw new Error(`no ${seat} token for ${exerciseId} in this browser`);
  return token;
}

/** The facilitator's seat token, as the console keeps it in localStorage. */
export const facilitatorToken = (p: Page, exerciseId: string): Promise<string> =>
  seatToken(p, exerciseId, 'facilitator');
