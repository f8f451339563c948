import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Http } from '../integration/helpers/http.ts';
import { shoot, type Seat } from './helpers/browser.ts';
import { STEP, tab, type Created, facilitatorToken } from './helpers/room.ts';
import { whiteCellRoom, type WhiteCellRoom } from './helpers/white-cell-room.ts';

/**
 * The facilitator's seat actions in a real browser, each checked on the server: a new join code
 * (the old one refused, the new one admitted), the code shown again, one seat's card printed, and
 * revocation (the seat's tokens refused).
 */

let room: WhiteCellRoom;
let http: Http;
let fac: Seat;
let dga: Seat;
let ex: Created;

beforeAll(async () => {
  room = await whiteCellRoom({ teams: { dga: 'Dana' }, acceptDialogs: true });
  ({ http, fac, ex } = room);
  dga = room.teams.dga!;
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await shoot(fac.page, 'failed-seat-codes-facilitator').catch(() => {});
  await shoot(dga.page, 'failed-seat-codes-dga').catch(() => {});
});

afterAll(async () => {
  await room?.close();
});

const joinStatus = async (code: string) => (await http.post('/api/join', { code })).status;

describe('seat codes from the facilitator console', () => {
  it('"New join code" issues a code shown in place with its QR; the old one stops working', async () => {
    const p = fac.page;
    const row = p.locator('tr[data-team="dga"]');
    const old = ex.codes['team:dga']!;
    await row.getByRole('button', { name: 'New join code' }).click();
    const notice = row.locator('.notice-ok', { hasText: 'New join code for DGA' });
    await notice.waitFor({ timeout: STEP });
    const code = await row.locator('.seat-code[data-code]').getAttribute('data-code');
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(code).not.toBe(old);
    expect(await notice.textContent()).toContain(code);
    await row.locator('img.qr').waitFor();
    // the notice is next to the seat, where the facilitator is looking
    const [cell, shown] = [await row.boundingBox(), await notice.boundingBox()];
    expect(shown!.y).toBeGreaterThanOrEqual(cell!.y);
    expect(shown!.y + shown!.height).toBeLessThanOrEqual(cell!.y + cell!.height);
    await shoot(p, 'facilitator-new-code');

    expect(await joinStatus(old)).toBe(404);
    expect(await joinStatus(code!)).toBe(201);
    ex.codes['team:dga'] = code!;
  });

  it("the current code can be seen again, and one seat's card printed alone", async () => {
    const p = fac.page;
    const row = p.locator('tr[data-team="dga"]');
    await row.getByRole('button', { name: 'Hide code' }).click();
    expect(await row.locator('.seat-code[data-code]').count()).toBe(0);
    await p.reload();
    await p.locator('[data-link="live"]').waitFor({ timeout: STEP });
    await row.getByRole('button', { name: 'Show code' }).click();
    expect(await row.locator('.seat-code[data-code]').getAttribute('data-code')).toBe(ex.codes['team:dga']);

    const [card] = await Promise.all([
      fac.context.waitForEvent('page'),
      row.getByRole('link', { name: 'Print card: DGA' }).click(),
    ]);
    await card.locator('.card img.qr').waitFor({ timeout: STEP });
    expect(await card.locator('.card').count()).toBe(1);
    expect(await card.locator('.card').getAttribute('data-seat')).toBe('team:dga');
    expect(await card.locator('.card .code').textContent()).toBe(ex.codes['team:dga']);
    await shoot(card, 'seat-card-one');
    await card.close();
  });

  it('"Revoke" locks the seat out: its tokens are refused and its devices told', async () => {
    const joined = await http.join(ex.codes['team:dga']!);
    const before = await http.get(`/api/exercises/${ex.exerciseId}/scenario`, joined.token);
    expect(before.status).toBe(200);
    const row = fac.page.locator('tr[data-team="dga"]');
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row
      .locator('.notice-ok', { hasText: /seat tokens? of DGA \(procurement\) revoked/ })
      .waitFor({ timeout: STEP });
    const text = await row.locator('.notice-ok').textContent();
    // the browser's token, the one joined over HTTP in the first test and the one above
    expect(Number(/^(\d+)/.exec(text!)?.[1])).toBe(3);
    const after = await http.get<{ code: string }>(`/api/exercises/${ex.exerciseId}/scenario`, joined.token);
    expect(after.status).toBe(403);
    expect(after.body.code).toBe('auth/revoked');
    await dga.page.locator('[data-link="denied"]').waitFor({ timeout: STEP });
  });

  it('"Hand to a bot" and "Take back from the bot" reach the log', async () => {
    const token = await facilitatorToken(fac.page, ex.exerciseId);
    const setBots = async () => {
      const res = await http.get<{ entries: { command: { type: string; team?: string; bot?: boolean } }[] }>(
        `/api/exercises/${ex.exerciseId}/export`,
        token ?? undefined,
      );
      expect(res.status).toBe(200);
      return res.body.entries
        .map((e) => e.command)
        .filter((c) => c.type === 'setBot' && c.team === 'army')
        .map((c) => c.bot);
    };
    expect(await setBots()).toEqual([]);
    const row = fac.page.locator('tr[data-team="army"]');
    await row.getByRole('button', { name: 'Hand to a bot' }).click();
    await row.getByRole('button', { name: 'Take back from the bot' }).waitFor({ timeout: STEP });
    expect(await setBots()).toEqual([true]);
    await row.getByRole('button', { name: 'Take back from the bot' }).click();
    await row.getByRole('button', { name: 'Hand to a bot' }).waitFor({ timeout: STEP });
    expect(await setBots()).toEqual([true, false]);
  });

  it('the observer and display seats get the same actions in the seats tab', async () => {
    const p = fac.page;
    await tab(p, /^Seats/);
    const display = p.locator('.seat-actions[data-seat="display"]');
    const old = ex.codes.display!;
    await display.getByRole('button', { name: 'New join code' }).click();
    await display.locator('.notice-ok').waitFor({ timeout: STEP });
    const code = await display.locator('.seat-code[data-code]').getAttribute('data-code');
    expect(code).not.toBe(old);
    expect(await joinStatus(old)).toBe(404);
    expect(await joinStatus(code!)).toBe(201);
    expect([...fac.errors, ...dga.errors]).toEqual([]);
  });
});
