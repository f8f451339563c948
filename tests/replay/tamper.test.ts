import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainLog, ImportCode, verifyExport, type LogEntry } from '@arsenal/shared';
import type { FacilitatorExport } from '@arsenal/shared/protocol';
import { bundled, facilitator } from '../helpers/scenarios.ts';
import { exportOf, recordedPlay } from './helpers.ts';

const tutorial = bundled('tutorial');
const setup = { seed: 6, bots: [] };

/** A tutorial exercise of three months with messages, a note and an override: a varied log. */
function file(): FacilitatorExport {
  const play = recordedPlay(tutorial, setup, 2);
  play.send({ role: 'team', team: 'dga' }, { type: 'message', to: 'autoco', text: 'ça va ? "quoted"' });
  play.send(facilitator, { type: 'note', kind: 'annotation', text: 'watch the DGA', about: 3 });
  play.play(1);
  return exportOf(tutorial, setup, play.log, play.state);
}

const original = file();
const n = original.entries.length;
const withEntries = (entries: unknown[]) => ({ ...original, entries });
const refusal = (input: unknown) => {
  const r = verifyExport(input);
  if (r.ok) throw new Error('accepted a tampered file');
  return r;
};

describe('import verification', () => {
  it('accepts the file as exported, text or object', () => {
    expect(verifyExport(JSON.stringify(original))).toMatchObject({ ok: true });
    const r = verifyExport(original);
    expect(r.ok && r.timeline.lastSeq).toBe(n);
  });

  it('detects a flipped byte anywhere in an entry, naming that entry', () => {
    const text = JSON.stringify(original);
    // where each entry's text starts and ends in the file
    const starts = original.entries.map((e) => text.indexOf(`{"seq":${e.seq},"at":`));
    const ends = [...starts.slice(1).map((s) => s - 1), text.indexOf('],"stateHash"')];
    fc.assert(
      fc.property(fc.nat(n - 1), fc.double({ min: 0, max: 1, noNaN: true }), (k, where) => {
        const from = starts[k]!;
        const to = ends[k]!;
        let pos = from + Math.floor(where * (to - from));
        while (pos < to && !/[A-Za-z0-9]/.test(text[pos]!)) pos++;
        if (pos >= to || text[pos - 1] === '\\') return;
        const flipped =
          text.slice(0, pos) + String.fromCharCode(text.charCodeAt(pos) ^ 1) + text.slice(pos + 1);
        let parsed: unknown;
        try {
          parsed = JSON.parse(flipped);
        } catch {
          return; // a literal such as `true` stopped being JSON: refused as such, not our case here
        }
        const r = refusal(parsed);
        expect(r.index, `${r.code} ${r.message} at ${text.slice(pos - 20, pos + 20)}`).toBe(k);
      }),
      { numRuns: 60, seed: 42 },
    );
  });

  it.each([
    ['a deleted entry', (e: LogEntry[], k: number) => e.toSpliced(k, 1)],
    ['an inserted entry (a copy of an earlier one)', (e: LogEntry[], k: number) => e.toSpliced(k, 0, e[1]!)],
    ['two entries swapped', (e: LogEntry[], k: number) => e.toSpliced(k, 2, e[k + 1]!, e[k]!)],
  ])('detects %s at the index where it happened', (_, edit) => {
    for (const k of [0, 5, Math.floor(n / 2), n - 2]) {
      const r = refusal(withEntries(edit(original.entries, k)));
      expect(r.code).toBe(ImportCode.BrokenChain);
      expect(r.index).toBe(k);
    }
  });

  it('detects a truncated log by its end: the first missing entry is named', () => {
    for (const keep of [0, 1, n - 5, n - 1]) {
      const r = refusal(withEntries(original.entries.slice(0, keep)));
      expect(r).toMatchObject({ code: ImportCode.WrongEnd, index: keep });
    }
  });

  it('detects a consistently re-hashed chain with an illegal entry by replaying it', () => {
    const log = original.entries.map(({ seq, at, actor, command }) => ({ seq, at, actor, command }));
    const k = log.findIndex((e) => e.command.type === 'submitOrders');
    log[k] = { ...log[k]!, actor: { role: 'team', team: 'nobody' } };
    expect(refusal(withEntries(chainLog(original.genesis, log)))).toMatchObject({
      code: ImportCode.IllegalEntry,
      index: k,
    });
    const publish = log.findIndex((e) => e.command.type === 'publish');
    log[k] = original.entries[k]!;
    log[publish] = { ...log[publish]!, actor: { role: 'team', team: 'dga' } };
    expect(refusal(withEntries(chainLog(original.genesis, log)))).toMatchObject({
      code: ImportCode.IllegalEntry,
      index: publish,
    });
  });

  it('detects a changed scenario or setup, and a changed final state hash', () => {
    const scenario = structuredClone(original.scenario);
    scenario.teams[0]!.money += 1;
    expect(refusal({ ...original, scenario }).code).toBe(ImportCode.BadGenesis);
    expect(refusal({ ...original, setup: { ...original.setup, seed: 7 } }).code).toBe(ImportCode.BadGenesis);
    const stateHash = original.stateHash.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    expect(refusal({ ...original, stateHash })).toMatchObject({ code: ImportCode.WrongEnd, index: n });
  });

  it('refuses what is not an export, with the place', () => {
    expect(refusal('{').code).toBe(ImportCode.NotJson);
    expect(refusal({ ...original, format: 'other' })).toMatchObject({
      code: ImportCode.BadFile,
      path: 'format',
    });
    expect(refusal({ ...original, extra: 1 }).code).toBe(ImportCode.BadFile);
    expect(refusal(' '.repeat(20_000_001)).code).toBe(ImportCode.TooLarge);
  });
});
