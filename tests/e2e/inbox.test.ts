import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Http } from '../integration/helpers/http.ts';
import { shoot, type Seat } from './helpers/browser.ts';
import { STEP, tab, type Created } from './helpers/room.ts';
import { whiteCellRoom, type WhiteCellRoom } from './helpers/white-cell-room.ts';

/**
 * The White Cell's inbox in a real browser (issue 15 item 1), each control pressed and its effect
 * checked in the server's log: unread badges on Messages, a toast on the facilitator's console when a
 * message arrives (message → toast time measured and printed), several recipients, replies in one
 * thread, and a request for information asked, taken and answered (to the asker, then to all).
 */

let room: WhiteCellRoom;
let http: Http;
let fac: Seat;
let dga: Seat;
let army: Seat;
let ex: Created;
let token: string;
const toastMs: number[] = [];

interface Msg {
  type: string;
  to?: string | string[];
  text?: string;
  kind?: string;
  replyTo?: number;
  message?: number;
  by?: string;
}
interface Entry {
  seq: number;
  command: Msg;
}

beforeAll(async () => {
  room = await whiteCellRoom({
    teams: { dga: 'Dana', army: 'Ari' },
    facViewport: { width: 1366, height: 768 },
  });
  ({ http, fac, ex, token } = room);
  dga = room.teams.dga!;
  army = room.teams.army!;
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await shoot(fac.page, 'failed-inbox-facilitator').catch(() => {});
  await shoot(dga.page, 'failed-inbox-dga').catch(() => {});
  await shoot(army.page, 'failed-inbox-army').catch(() => {});
});

afterAll(async () => {
  const sorted = [...toastMs].sort((a, b) => a - b);
  if (sorted.length)
    console.log(
      `message → toast: n=${sorted.length} median ${sorted[Math.floor(sorted.length / 2)]} ms, max ${sorted.at(-1)} ms`,
    );
  await room?.close();
});

async function logged(...types: string[]): Promise<Entry[]> {
  const res = await http.get<{ entries: Entry[] }>(`/api/exercises/${ex.exerciseId}/export`, token);
  expect(res.status).toBe(200);
  return res.body.entries.filter((e) => types.includes(e.command.type));
}

/** Writes a message from a team's Messages tab; returns the node time just before "Send" was pressed. */
async function write(p: Page, to: string, text: string, opts: { also?: string[]; rfi?: boolean } = {}) {
  await p.getByLabel('To', { exact: true }).selectOption(to);
  for (const x of opts.also ?? []) await p.locator(`.copies input[value="${x}"]`).check();
  if (opts.rfi) await p.getByRole('checkbox', { name: /Request for information/ }).check();
  await p.getByLabel('Message', { exact: true }).fill(text);
  const sentAt = Date.now();
  await p.getByRole('button', { name: 'Send', exact: true }).click();
  return sentAt;
}

/** Waits for the facilitator's toast of a message; records how long after `sentAt` it appeared. */
async function toastFor(text: string, sentAt: number) {
  const toast = fac.page.locator('.toast', { hasText: text });
  await toast.waitFor({ timeout: STEP });
  toastMs.push(Number(await toast.getAttribute('data-shown-at')) - sentAt);
  return toast;
}

const badge = (p: Page, name: RegExp) => p.getByRole('tab', { name }).locator('.count');

describe('the inbox', () => {
  it('a message to the White Cell and another team: toast, unread badges, inbox entry, both recipients', async () => {
    await tab(dga.page, /^Messages/);
    await tab(fac.page, /^Notes/);
    const sentAt = await write(dga.page, 'facilitator', 'Can the Army and you confirm the May target?', {
      also: ['army'],
    });
    await toastFor('Can the Army and you confirm', sentAt);
    const [entry] = await logged('message');
    expect(entry!.command).toMatchObject({ to: ['facilitator', 'army'] });
    // unread on every seat that did not write it
    await badge(army.page, /^Messages/).waitFor({ timeout: STEP });
    expect(await badge(army.page, /^Messages/).textContent()).toBe('1');
    expect(await badge(fac.page, /^Messages/).textContent()).toBe('1');
    expect(await badge(fac.page, /^Inbox/).textContent()).toBe('1');
    expect(await badge(dga.page, /^Messages/).count()).toBe(0);
    await tab(army.page, /^Messages/);
    await army.page.getByText('Can the Army and you confirm').waitFor({ timeout: STEP });
    expect(await badge(army.page, /^Messages/).count()).toBe(0);
    await shoot(fac.page, 'facilitator-inbox-toast');
    await fac.page.locator('.toast').getByRole('button', { name: 'Open the inbox' }).click();
    const item = fac.page.locator(`.inbox-item[data-seq="${entry!.seq}"]`);
    await item.waitFor({ timeout: STEP });
    expect(await item.getAttribute('data-state')).toBe('unanswered');
  });

  it('the White Cell answers: the reply is in the thread and the message is answered', async () => {
    const [entry] = await logged('message');
    const item = fac.page.locator(`.inbox-item[data-seq="${entry!.seq}"]`);
    await item.getByRole('button', { name: 'Answer' }).click();
    await item.getByLabel('Your answer').fill('Confirmed: 400 a month from May.');
    await item.getByRole('button', { name: 'Send the answer' }).click();
    await fac.page.getByText('Every message to the White Cell has been answered.').waitFor({ timeout: STEP });
    const replies = await logged('message');
    expect(replies.at(-1)!.command).toMatchObject({ to: 'dga', replyTo: entry!.seq });
    await fac.page.getByLabel('Show', { exact: true }).selectOption('answered');
    await item.locator('.inbox-replies', { hasText: 'Confirmed: 400' }).waitFor({ timeout: STEP });
    // the team sees the answer under its question, and replies in the same thread
    const li = dga.page.locator(`.message-log li[data-thread="${entry!.seq}"]`);
    await li.filter({ hasText: 'Confirmed: 400' }).waitFor({ timeout: STEP });
    await li.filter({ hasText: 'Confirmed: 400' }).getByRole('button', { name: 'Reply' }).click();
    await dga.page.locator('.replying').waitFor();
    const sentAt = await write(dga.page, 'facilitator', 'Thank you, noted.');
    await toastFor('Thank you, noted.', sentAt);
    const last = (await logged('message')).at(-1)!;
    expect(last.command).toMatchObject({ to: 'facilitator', replyTo: replies.at(-1)!.seq });
    await dga.page
      .locator(`.message-log li[data-thread="${entry!.seq}"]`, { hasText: 'Thank you' })
      .waitFor();
  });

  it('a request for information: asked → taken → answered to the asker; another released to all', async () => {
    await tab(army.page, /^Messages/);
    const sentAt = await write(army.page, 'facilitator', 'How many shells does Red fire a month?', {
      rfi: true,
    });
    await toastFor('How many shells', sentAt);
    const [rfi] = (await logged('message')).filter((e) => e.command.kind === 'rfi');
    expect(rfi!.command).toMatchObject({ to: 'facilitator', kind: 'rfi' });
    await tab(fac.page, /^Inbox/);
    await fac.page.getByLabel('Show', { exact: true }).selectOption('unanswered');
    await fac.page.getByLabel('Your name (shown when you take a question)').fill('Wendy');
    const item = fac.page.locator(`.inbox-item[data-seq="${rfi!.seq}"]`);
    await item.getByRole('button', { name: 'Take it' }).click();
    await fac.page
      .locator(`.inbox-item[data-seq="${rfi!.seq}"][data-rfi="taken"]`)
      .waitFor({ timeout: STEP });
    expect((await logged('takeRfi'))[0]!.command).toEqual({
      type: 'takeRfi',
      message: rfi!.seq,
      by: 'Wendy',
    });
    await army.page.locator('[data-rfi="taken"]', { hasText: 'Wendy' }).waitFor({ timeout: STEP });
    await item.getByRole('button', { name: 'Answer' }).click();
    await item.getByLabel('Your answer').fill('About 20 000 rounds.');
    await shoot(fac.page, 'facilitator-inbox-rfi');
    await item.getByRole('button', { name: 'Send the answer' }).click();
    await army.page.locator('[data-rfi="answered"]').waitFor({ timeout: STEP });
    await army.page.getByText('About 20 000 rounds.').waitFor({ timeout: STEP });
    expect((await logged('message')).at(-1)!.command).toMatchObject({ to: 'army', replyTo: rfi!.seq });
    await tab(dga.page, /^Messages/);
    expect(await dga.page.getByText('How many shells').count()).toBe(0);

    const sentAt2 = await write(army.page, 'facilitator', 'Is the alliance sending shells?', { rfi: true });
    await toastFor('Is the alliance', sentAt2);
    const rfi2 = (await logged('message')).at(-1)!;
    const item2 = fac.page.locator(`.inbox-item[data-seq="${rfi2.seq}"]`);
    await item2.getByRole('button', { name: 'Answer' }).click();
    await item2.getByLabel('Your answer').fill('Yes, 5 000 in June.');
    await item2.getByLabel('Release the answer to').selectOption('all');
    await item2.getByRole('button', { name: 'Send the answer' }).click();
    // released to all: another team reads the question and the answer
    await dga.page.getByText('Is the alliance sending shells?').waitFor({ timeout: STEP });
    await dga.page.getByText('Yes, 5 000 in June.').waitFor({ timeout: STEP });
    expect((await logged('message')).at(-1)!.command).toMatchObject({ to: 'all', replyTo: rfi2.seq });
    await shoot(dga.page, 'team-messages-threads');
    expect(toastMs.length).toBeGreaterThanOrEqual(4);
  });
});
