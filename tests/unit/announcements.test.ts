import { describe, expect, it } from 'vitest';
import { announcementsNow, ErrorCode, replay, hashState } from '@arsenal/shared';
import { bundled, Driver, facilitator, teamActor } from '../helpers/scenarios.ts';

const tutorial = bundled('tutorial');
const observer = { role: 'observer' } as const;
const shown = (d: Driver) => announcementsNow(d.state.context.notes, d.game.month).map((n) => n.text);

describe('announcements expire at the next month unless pinned', () => {
  it('keeps this month’s and the pinned ones; pinNote pins and unpins', () => {
    const d = new Driver(tutorial).toPlanning();
    d.do(facilitator, { type: 'note', kind: 'announcement', text: 'Coffee at 11' });
    d.do(facilitator, { type: 'note', kind: 'announcement', text: 'Minister visits', pinned: true });
    d.do(facilitator, { type: 'note', kind: 'note', text: 'private' });
    expect(shown(d)).toEqual(['Coffee at 11', 'Minister visits']);
    d.endMonth();
    expect(shown(d)).toEqual(['Minister visits']);
    const coffee = d.state.context.notes.find((n) => n.text === 'Coffee at 11')!;
    d.do(facilitator, { type: 'pinNote', seq: coffee.seq, pinned: true });
    expect(shown(d)).toEqual(['Coffee at 11', 'Minister visits']);
    const minister = d.state.context.notes.find((n) => n.text === 'Minister visits')!;
    d.do(facilitator, { type: 'pinNote', seq: minister.seq, pinned: false });
    expect(shown(d)).toEqual(['Coffee at 11']);
    expect(d.state.context.notes.find((n) => n.seq === minister.seq)).not.toHaveProperty('pinned');
    // the log gives the same state
    expect(hashState(replay(tutorial, { seed: 1, bots: [] }, d.log))).toBe(hashState(d.state));
  });

  it('refuses to pin what is not an announcement, and anyone but the White Cell, changing nothing', () => {
    const d = new Driver(tutorial).toPlanning();
    d.do(facilitator, { type: 'note', kind: 'note', text: 'private' });
    const note = d.state.context.notes[0]!;
    const before = hashState(d.state);
    const notAnnouncement = d.try(facilitator, { type: 'pinNote', seq: note.seq, pinned: true });
    expect(notAnnouncement.ok || notAnnouncement.code).toBe(ErrorCode.BadPayload);
    expect(d.try(facilitator, { type: 'pinNote', seq: 999, pinned: true }).ok).toBe(false);
    d.do(facilitator, { type: 'note', kind: 'announcement', text: 'Lunch' });
    const seq = d.state.context.notes[1]!.seq;
    const mid = hashState(d.state);
    const byObserver = d.try(observer, { type: 'pinNote', seq, pinned: true });
    expect(byObserver.ok || byObserver.code).toBe(ErrorCode.ReadOnly);
    const byTeam = d.try(teamActor('autoco'), { type: 'pinNote', seq, pinned: true });
    expect(byTeam.ok || byTeam.code).toBe(ErrorCode.Forbidden);
    expect(hashState(d.state)).toBe(mid);
    expect(before).not.toBe(mid);
  });
});
