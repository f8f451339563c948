import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FreeFormAction } from '@arsenal/shared';
import type { Http } from '../integration/helpers/http.ts';
import type { TestServer } from '../integration/helpers/server.ts';
import { shoot, type Seat } from './helpers/browser.ts';
import { STEP, tab, type Created } from './helpers/room.ts';
import { whiteCellRoom, type WhiteCellRoom } from './helpers/white-cell-room.ts';

/**
 * Free-form actions end to end in Chromium: a DGA player argues for an action in the Actions tab (an
 * empty argument first, refused by the server under its field), the facilitator sets the odds, picks a
 * money effect and rolls after a confirmation; the server's log holds the proposal and the
 * adjudication, its state the outcome (odds, roll) and the money moved; the DGA screen shows the
 * outcome; AutoCo's seat never receives the action's title or argument.
 */

let room: WhiteCellRoom;
let server: TestServer;
let http: Http;
let fac: Seat;
let dga: Seat;
let autoco: Seat;
let ex: Created;
let token: string;

const TITLE = 'Borrow the German powder reserve';
const ARGUMENT = 'Berlin owes us for the 2024 shell deal; the Chancellor wants a visible gesture.';

interface Entry {
  seq: number;
  command: { type: string } & Record<string, unknown>;
}

beforeAll(async () => {
  room = await whiteCellRoom({ teams: { dga: 'Dana', autoco: 'Ana' } });
  ({ server, http, fac, ex, token } = room);
  dga = room.teams.dga!;
  autoco = room.teams.autoco!;
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await shoot(fac.page, 'failed-actions-facilitator').catch(() => {});
  await shoot(dga.page, 'failed-actions-dga').catch(() => {});
});

afterAll(async () => {
  await room?.close();
});

async function logged(type: string): Promise<Entry[]> {
  const res = await http.get<{ entries: Entry[] }>(`/api/exercises/${ex.exerciseId}/export`, token);
  expect(res.status).toBe(200);
  return res.body.entries.filter((e) => e.command.type === type);
}

const session = () => server.app.sessions.loaded(ex.exerciseId)!;
const actions = (): FreeFormAction[] => session().current().context.actions ?? [];

describe('free-form actions', () => {
  it('a team proposes an action in planning; a refusal names the field, the list shows it waiting', async () => {
    await fac.page.locator('[data-command="startPlanning"]').click();
    await dga.page.locator('.topbar [data-phase="planning"]').waitFor({ timeout: STEP });
    const p = dga.page;
    await tab(p, /^Actions/);
    const form = p.getByRole('form', { name: 'Propose an action' });
    await form.getByLabel('What you do').fill(TITLE);
    await form.getByRole('button', { name: 'Propose to the White Cell' }).click();
    // the server refuses the empty argument, the message shown under the field; nothing is stored
    await form.getByText('an action needs an argument').waitFor({ timeout: STEP });
    expect(await form.getByLabel(/^Why it should work/).getAttribute('aria-invalid')).toBe('true');
    expect(await logged('proposeAction')).toEqual([]);
    await form.getByLabel(/^Why it should work/).fill(ARGUMENT);
    await form.getByRole('button', { name: 'Propose to the White Cell' }).click();
    await p.getByText('Sent: the White Cell will adjudicate it.').waitFor({ timeout: STEP });
    const proposed = await logged('proposeAction');
    expect(proposed.map((e) => e.command)).toEqual([
      { type: 'proposeAction', title: TITLE, argument: ARGUMENT },
    ]);
    const item = p.locator(`.action-item[data-action="${proposed[0]!.seq}"]`);
    await item.waitFor({ timeout: STEP });
    expect(await item.getAttribute('data-state')).toBe('proposed');
    expect(await item.textContent()).toContain('waiting for the White Cell');
    await shoot(p, 'team-actions');
  });

  it('another team never sees it: not on its screen, not in its seat view', async () => {
    await tab(autoco.page, /^Actions/);
    await autoco.page.getByText('No action proposed yet.').waitFor({ timeout: STEP });
    const text = (await autoco.page.locator('body').textContent()) ?? '';
    expect(text).not.toContain(TITLE);
    expect(text).not.toContain('2024 shell deal');
    const view = JSON.stringify(session().viewOf('team:autoco').view);
    expect(view).not.toContain(TITLE);
    expect(view).not.toContain('2024 shell deal');
    // the proposer's own seat view does carry it
    expect(JSON.stringify(session().viewOf('team:dga').view)).toContain(TITLE);
  });

  it('the facilitator sets the odds, picks a money effect and rolls after a confirmation', async () => {
    const p = fac.page;
    await tab(p, /^Actions/);
    const seq = (await logged('proposeAction'))[0]!.seq;
    const card = p.locator(`.action-item[data-action="${seq}"]`);
    await card.getByText(ARGUMENT).waitFor({ timeout: STEP });
    expect(await card.textContent()).toMatch(/DGA.*month 1/);
    const odds = card.getByLabel('Odds of success (%)');
    expect(await odds.inputValue()).toBe('50'); // the scenario's rules.freeForm.defaultOdds
    await odds.fill('100');
    await card.getByLabel('Effect', { exact: true }).selectOption('money');
    await card.getByLabel('Team', { exact: true }).selectOption('dga');
    await card.getByLabel('Change (+ or −)').fill('2000000');
    await card.getByRole('button', { name: 'Add the effect' }).click();
    await card.locator('.chosen-effects [data-effect="money"]').waitFor({ timeout: STEP });
    await card.getByLabel('Narration').fill('Berlin lends 2 M€ worth of powder credit.');
    const moneyBefore = session().current().context.game.teams.dga!.money;
    await card.getByRole('button', { name: 'Roll the dice' }).click();
    await card.getByText('Roll for “Borrow the German powder reserve” at 100').waitFor({ timeout: STEP });
    await card.getByRole('button', { name: 'Cancel' }).click();
    expect(await logged('adjudicateAction')).toEqual([]); // nothing sent without the confirmation
    await card.getByRole('button', { name: 'Roll the dice' }).click();
    await card.getByRole('button', { name: 'Yes, roll' }).click();
    await p.getByText(/rolled \d+ against 100\s?%: success/).waitFor({ timeout: STEP });

    // the server stored the adjudication with the odds and the roll, and the money moved
    const adjudicated = await logged('adjudicateAction');
    expect(adjudicated.map((e) => e.command)).toEqual([
      {
        type: 'adjudicateAction',
        action: seq,
        odds: 100,
        effects: [{ type: 'money', team: 'dga', delta: 2_000_000 }],
        months: 0,
        narration: 'Berlin lends 2 M€ worth of powder credit.',
      },
    ]);
    const outcome = actions().find((a) => a.seq === seq)!.outcome!;
    expect(outcome).toMatchObject({ odds: 100, defaultOdds: false, success: true });
    expect(outcome.roll).toBeGreaterThanOrEqual(1);
    expect(session().current().context.game.teams.dga!.money).toBe(moneyBefore + 2_000_000);
    const settled = p.locator(`.action-item[data-action="${seq}"][data-state="success"]`);
    await settled.waitFor({ timeout: STEP });
    expect(await settled.locator('[data-roll]').getAttribute('data-roll')).toBe(String(outcome.roll));
    await shoot(p, 'facilitator-actions');
  });

  it('the team sees the outcome: success, odds, roll, the effect in words and the narration', async () => {
    const p = dga.page;
    const seq = (await logged('proposeAction'))[0]!.seq;
    const item = p.locator(`.action-item[data-action="${seq}"][data-state="success"]`);
    await item.waitFor({ timeout: STEP });
    const roll = actions().find((a) => a.seq === seq)!.outcome!.roll;
    const text = (await item.textContent()) ?? '';
    expect(text).toMatch(new RegExp(`100\\s?% chance, rolled ${roll}`));
    expect(await item.locator('[data-effect="money"]').textContent()).toMatch(/DGA.*\+/);
    expect(text).toContain('Berlin lends 2 M€ worth of powder credit.');
    await shoot(p, 'team-actions-outcome');
    expect([...fac.errors, ...dga.errors, ...autoco.errors]).toEqual([]);
  });

  it('the after-action report lists the action with its argument, odds, roll and effects', async () => {
    const res = await http.get(`/api/exercises/${ex.exerciseId}/report.html`, token);
    expect(res.status).toBe(200);
    const html = res.text;
    const roll = actions()[0]!.outcome!.roll;
    expect(html).toContain(TITLE);
    expect(html).toContain('2024 shell deal');
    expect(html).toContain(`<td>${roll}</td>`);
    expect(html).toContain('DGA (procurement): +€2M');
    expect(html).toContain('100 %');
  });
});
