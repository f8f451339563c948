import { describe, expect, it } from 'vitest';
import {
  canReadMessage,
  messagesBefore,
  messageWindowStart,
  viewFor,
  ViewBuilder,
  type Audience,
  type Message,
} from '@arsenal/shared';
import { bundled, Driver, facilitator, teamActor } from '../helpers/scenarios.ts';

/**
 * Paged messages (issue 13, item 8): a view carries only the latest pages of the messages its audience
 * may read, and the pages before it, asked for one at a time, give back exactly the rest.
 */

const tutorial = bundled('tutorial');
const PAGE = 4;

const audiences: Audience[] = [
  { role: 'facilitator' },
  { role: 'observer' },
  { role: 'display' },
  { role: 'team', team: 'dga' },
  { role: 'team', team: 'autoco' },
  { role: 'team', team: 'army' },
];

/** `n` messages between every pair of seats and to everyone, in a fixed rotation. */
function talk(n: number): Driver {
  const d = new Driver(tutorial).toPlanning();
  const routes: [string, string][] = [
    ['dga', 'autoco'],
    ['autoco', 'facilitator'],
    ['facilitator', 'all'],
    ['army', 'dga'],
    ['facilitator', 'army'],
  ];
  for (let i = 0; i < n; i++) {
    const [from, to] = routes[i % routes.length]!;
    d.do(from === 'facilitator' ? facilitator : teamActor(from), { type: 'message', to, text: `m${i}` });
  }
  return d;
}

const readable = (d: Driver, a: Audience): Message[] =>
  d.state.context.messages.filter((m) => canReadMessage(a, m));

describe('message pages', () => {
  it('start the window on a page boundary, holding between one and two pages', () => {
    expect(messageWindowStart(0, PAGE)).toBe(0);
    expect(messageWindowStart(8, PAGE)).toBe(0);
    expect(messageWindowStart(9, PAGE)).toBe(4);
    expect(messageWindowStart(12, PAGE)).toBe(4);
    expect(messageWindowStart(13, PAGE)).toBe(8);
    expect(messageWindowStart(1000, undefined)).toBe(0);
    for (let n = 0; n < 40; n++) {
      const start = messageWindowStart(n, PAGE);
      expect(start % PAGE).toBe(0);
      expect(n - start).toBeLessThanOrEqual(2 * PAGE);
      if (n > 2 * PAGE) expect(n - start).toBeGreaterThan(PAGE);
    }
  });

  it('bound every audience’s view, and the built views equal viewFor at every message', () => {
    const d = new Driver(tutorial).toPlanning();
    const builders = audiences.map((a) => new ViewBuilder(tutorial, a, { messagePage: PAGE }));
    for (let i = 0; i < 60; i++) {
      const fromFacilitator = i % 3 === 0;
      const from = fromFacilitator ? facilitator : teamActor(i % 2 ? 'dga' : 'autoco');
      const to = fromFacilitator && i % 2 === 0 ? 'all' : 'army';
      d.do(from, { type: 'message', to, text: `m${i}` });
      for (const b of builders) {
        const view = b.view(d.state);
        expect(view).toEqual(viewFor(tutorial, d.state, b.audience, { messagePage: PAGE }));
        const all = readable(d, b.audience);
        expect(view.messages.length).toBeLessThanOrEqual(2 * PAGE);
        expect(view.olderMessages + view.messages.length).toBe(all.length);
        expect(view.messages).toEqual(all.slice(view.olderMessages));
      }
    }
    // unpaged, a view holds them all
    expect(viewFor(tutorial, d.state, { role: 'observer' }).messages).toHaveLength(60);
  });

  it('give back, page by page, exactly the messages the audience may read before the view', () => {
    const d = talk(47);
    for (const a of audiences) {
      const view = viewFor(tutorial, d.state, a, { messagePage: PAGE });
      let before = view.messages[0]?.seq ?? Infinity;
      let older = view.olderMessages;
      let got: Message[] = [];
      while (older > 0) {
        const page = messagesBefore(d.state, a, before, PAGE);
        expect(page.messages.length).toBeGreaterThan(0);
        expect(page.messages.length).toBeLessThanOrEqual(PAGE);
        expect(page.older).toBe(older - page.messages.length);
        got = [...page.messages, ...got];
        before = page.messages[0]!.seq;
        older = page.older;
      }
      expect([...got, ...view.messages]).toEqual(readable(d, a));
    }
  });

  it('never hand a team or the display a message it may not read', () => {
    const d = talk(30);
    const page = (a: Audience) => messagesBefore(d.state, a, Number.MAX_SAFE_INTEGER, 100).messages;
    expect(page({ role: 'team', team: 'army' }).every((m) => m.from === 'army' || m.to !== 'autoco')).toBe(
      true,
    );
    expect(page({ role: 'team', team: 'army' }).some((m) => m.text === 'm0')).toBe(false); // dga → autoco
    expect(page({ role: 'display' }).every((m) => m.to === 'all')).toBe(true);
    expect(page({ role: 'display' })).toHaveLength(6);
    expect(page({ role: 'observer' })).toHaveLength(30);
  });
});
