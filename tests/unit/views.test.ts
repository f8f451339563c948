import { describe, expect, it } from 'vitest';
import {
  applyCommand,
  Autoplay,
  createExercise,
  scenarioFor,
  viewFor,
  ViewBuilder,
  type Audience,
} from '@arsenal/shared';
import { LANGS, pickText } from '@arsenal/shared';
import { newsText } from '@arsenal/shared';
import { bundled, Driver, facilitator, teamActor } from '../helpers/scenarios.ts';

const tutorial = bundled('tutorial');

/** A month with secrets in play: a DGA–AutoCo contract, orders from two teams, a private message. */
function secretsInPlay() {
  const d = new Driver(tutorial).toPlanning();
  d.do(teamActor('dga'), {
    type: 'offerContract',
    counterparty: 'autoco',
    as: 'buyer',
    terms: {
      product: 'fpv_rf',
      qty: 100,
      unitPrice: 777,
      type: 'spot',
      rating: 'none',
      months: 2,
      advancePct: 0,
      penaltyPerUnitLate: 0,
      cancelFeePct: 0,
      startsIn: 0,
    },
  });
  d.do(teamActor('autoco'), {
    type: 'submitOrders',
    orders: [{ type: 'hire', plant: 'le_mans', count: 17 }],
  });
  d.do(teamActor('army'), { type: 'submitOrders', orders: [] });
  d.do(teamActor('dga'), { type: 'message', to: 'autoco', text: 'secret-price-talk' });
  d.do(facilitator, { type: 'note', text: 'white-cell-note', kind: 'note' });
  return d;
}

describe('views', () => {
  const d = secretsInPlay();
  const army = viewFor(tutorial, d.state, { role: 'team', team: 'army' });
  const autoco = viewFor(tutorial, d.state, { role: 'team', team: 'autoco' });
  const display = viewFor(tutorial, d.state, { role: 'display' });
  const fac = viewFor(tutorial, d.state, { role: 'facilitator' });

  it('a team sees its own money, and others’ only where the scenario makes it public', () => {
    const money = Object.fromEntries(army.teams.map((t) => [t.id, t.money]));
    expect(money.army).toBe(d.game.teams.army!.money);
    expect(money.dga).toBe(d.game.teams.dga!.money); // dga money is public in the tutorial
    expect(money.autoco).toBeUndefined();
  });

  it('a team does not see contracts it is not party to, other teams’ orders or private messages', () => {
    const text = JSON.stringify(army);
    expect(army.contracts).toEqual([]);
    expect(text).not.toContain('777');
    expect(text).not.toContain('secret-price-talk');
    expect(text).not.toContain('white-cell-note');
    expect(army.all).toBeUndefined();
    expect(army.me?.orders).toEqual([]);
    expect(autoco.me?.orders).toEqual([{ type: 'hire', plant: 'le_mans', count: 17 }]);
    expect(autoco.contracts.map((c) => c.id)).toEqual(['c1']);
    expect(autoco.messages.map((m) => m.text)).toEqual(['secret-price-talk']);
  });

  it('plant detail is shown to the owner, and to others only for public plants', () => {
    expect(autoco.plants[0]?.detail?.lines.length).toBeGreaterThan(0);
    expect(army.plants[0]?.detail).toBeDefined(); // AutoCo's plants are public in the tutorial
    const hidden = viewFor(
      { ...tutorial, teams: tutorial.teams.map((t) => ({ ...t, public: { money: false, plants: false } })) },
      d.state,
      { role: 'team', team: 'army' },
    );
    expect(hidden.plants[0]?.detail).toBeUndefined();
  });

  it('the room display shows only what is public', () => {
    const text = JSON.stringify(display);
    expect(display.me).toBeUndefined();
    expect(display.contracts).toEqual([]);
    expect(display.messages).toEqual([]);
    expect(text).not.toContain('secret-price-talk');
    expect(text).not.toContain('white-cell-note');
    expect(display.teams.find((t) => t.id === 'autoco')?.money).toBeUndefined();
    expect(display.teams.map((t) => t.submitted)).toEqual([false, true, true]);
  });

  it('the facilitator sees everything', () => {
    expect(fac.all?.orders.autoco).toHaveLength(1);
    expect(fac.contracts).toHaveLength(1);
    expect(fac.messages).toHaveLength(1);
    expect(fac.notes).toHaveLength(1);
  });

  it('private news reaches only the teams concerned, without the list of who else saw it', () => {
    const next = secretsInPlay().endMonth();
    const armyNews = viewFor(tutorial, next.state, { role: 'team', team: 'army' }).news;
    const autocoNews = viewFor(tutorial, next.state, { role: 'team', team: 'autoco' }).news;
    expect(armyNews.some((n) => newsText(tutorial, n).includes('hires 17'))).toBe(false);
    expect(autocoNews.some((n) => newsText(tutorial, n).includes('hires 17'))).toBe(true);
    expect(autocoNews.every((n) => n.to === undefined)).toBe(true);
  });

  it('an announcement to one team reaches that team only; one to all reaches every team and the display', () => {
    const d2 = secretsInPlay();
    d2.do(facilitator, { type: 'note', text: 'to-army-only', kind: 'announcement', team: 'army' });
    d2.do(facilitator, { type: 'note', text: 'to-everyone', kind: 'announcement' });
    const notes = (a: Parameters<typeof viewFor>[2]) =>
      viewFor(tutorial, d2.state, a).notes.map((n) => n.text);
    expect(notes({ role: 'team', team: 'army' })).toEqual(['to-army-only', 'to-everyone']);
    expect(notes({ role: 'team', team: 'dga' })).toEqual(['to-everyone']);
    expect(notes({ role: 'display' })).toEqual(['to-everyone']);
  });

  it('teams get the scenario without its injects; the facilitator gets all of it', () => {
    expect(scenarioFor(tutorial, { role: 'team', team: 'army' }).injects).toEqual([]);
    expect(scenarioFor(tutorial, { role: 'display' }).injects).toEqual([]);
    expect(scenarioFor(tutorial, { role: 'facilitator' }).injects.length).toBe(tutorial.injects.length);
  });

  it('a team gets the injects it may avert by a concession, with their terms, and no others', () => {
    const flagship = bundled('france-2025');
    const ids = (team: string) => scenarioFor(flagship, { role: 'team', team }).injects.map((i) => i.id);
    expect(ids('gov')).toEqual(['union_le_mans', 'qualification_slip']);
    expect(ids('alliance')).toEqual(['machine_tools', 'us_aid_pause']);
    expect(ids('dga')).toEqual([]);
    expect(scenarioFor(flagship, { role: 'display' }).injects).toEqual([]);
    const tooling = scenarioFor(flagship, { role: 'team', team: 'alliance' }).injects[0]!;
    expect(tooling.concession).toEqual({ team: 'alliance', politicalCapital: 30, money: 150_000_000 });
    expect(tooling.guidance).toBeUndefined();
  });

  it('only the facilitator gets the White Cell guidance; observers get the injects without it', () => {
    const withNotes = bundled('france-2025');
    const summit = (s: typeof withNotes) => s.injects.find((i) => i.id === 'summit');
    const guidance = summit(scenarioFor(withNotes, { role: 'facilitator' }))?.guidance;
    expect(pickText(guidance, 'en')).toMatch(/June 2025/);
    expect(pickText(guidance, 'fr')).toMatch(/juin 2025/);
    expect(scenarioFor(withNotes, { role: 'facilitator' }).meta.guidance).toBeTruthy();
    const observer = scenarioFor(withNotes, { role: 'observer' });
    expect(summit(observer)?.description).toBe(summit(withNotes)?.description);
    expect(JSON.stringify(observer)).not.toContain('"guidance"');
    for (const a of [{ role: 'display' }, { role: 'team', team: 'gov' }] as const)
      expect(JSON.stringify(scenarioFor(withNotes, a))).not.toContain('"guidance"');
  });

  it('no bundled inject speaks to the facilitator in the text every seat reads', () => {
    for (const s of [tutorial, bundled('france-2025')])
      for (const inj of s.injects)
        for (const lang of LANGS)
          expect(pickText(inj.description, lang), inj.id).not.toMatch(/facilitator|animat|White Cell/i);
  });

  it('everyone sees world-market conditions; only the White cell sees which injects have fired', () => {
    expect(army.supply).toEqual({ embargoes: {}, outbids: {}, exportControls: {} });
    expect(fac.all?.firedInjects).toEqual([]);
  });
});

describe('incremental views (ViewBuilder)', () => {
  const audiences = (s: ReturnType<typeof bundled>): Audience[] => [
    { role: 'facilitator' },
    { role: 'observer' },
    { role: 'display' },
    ...s.teams.map((t) => ({ role: 'team' as const, team: t.id })),
  ];

  it.each([
    ['tutorial', 6],
    ['france-2025', 4],
  ] as const)('%s: at every command, each audience’s built view equals a fresh viewFor', (id, months) => {
    const s = bundled(id);
    const live = new Autoplay(s, createExercise(s, { seed: 3, bots: [] }), () => 1_700_000_000_000).play(
      months,
    );
    const builders = audiences(s).map((a) => new ViewBuilder(s, a));
    let state = createExercise(s, { seed: 3, bots: [] });
    let checked = 0;
    for (const entry of live.log) {
      const r = applyCommand(s, state, entry);
      if (!r.ok) throw new Error(r.message);
      state = r.state;
      for (const b of builders) {
        expect(b.view(state), `${entry.seq} ${entry.command.type} as ${JSON.stringify(b.audience)}`).toEqual(
          viewFor(s, state, b.audience),
        );
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(builders.length * months * 3);
  });

  it('pieces a command did not change are the objects sent last time; changed ones are new', () => {
    const d = secretsInPlay();
    const b = new ViewBuilder(tutorial, { role: 'team', team: 'autoco' });
    const before = b.view(d.state);
    d.do(facilitator, { type: 'message', to: 'army', text: 'not for autoco' });
    const afterOthers = b.view(d.state);
    expect(afterOthers.plants).toBe(before.plants);
    expect(afterOthers.contracts).toBe(before.contracts);
    expect(afterOthers.history).toBe(before.history);
    expect(afterOthers.me).toBe(before.me);
    expect(afterOthers.messages).toBe(before.messages); // a message to another team changes nothing
    d.do(facilitator, { type: 'message', to: 'autoco', text: 'for autoco' });
    const afterMine = b.view(d.state);
    expect(afterMine.messages).not.toBe(before.messages);
    expect(afterMine.messages.at(-1)?.text).toBe('for autoco');
    expect(afterMine.messages.slice(0, -1)).toEqual(before.messages);
    expect(afterMine.messages[0]).toBe(before.messages[0]);
  });
});
