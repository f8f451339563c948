import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJSON } from '@arsenal/shared';
import { applyPatch, decodeUpdate, diff, encodeUpdate, receiveUpdate } from '@arsenal/shared/protocol';

/** The patch format every view update travels in (shared/src/protocol/patch.ts). */

// Views never hold a `__proto__` key (ids are lower-case words), and applyPatch refuses one.
const json = () => fc.jsonValue({ maxDepth: 4 }).filter((v) => !JSON.stringify(v).includes('"__proto__"'));

describe('view patches', () => {
  it('turn any view into any other, leaving the old one untouched', () => {
    fc.assert(
      fc.property(json(), json(), (a, b) => {
        const before = canonicalJSON(a);
        const patched = applyPatch(a, diff(a, b));
        expect(canonicalJSON(patched)).toBe(canonicalJSON(b));
        expect(canonicalJSON(a)).toBe(before);
      }),
      { numRuns: 3000 },
    );
  });

  it('are empty between equal views and share unchanged subtrees', () => {
    const view = { teams: [{ id: 'a', money: 1 }], news: [{ text: 'x' }], seq: 4 };
    expect(diff(view, structuredClone(view))).toEqual([]);
    const next = applyPatch(view, diff(view, { ...structuredClone(view), seq: 5 }));
    expect(next.teams).toBe(view.teams);
    expect(next.seq).toBe(5);
  });

  it('refuse a path through __proto__, and a client resyncs on a gap or a patch that does not fit', () => {
    expect(() => applyPatch({}, [{ op: 'set', path: ['__proto__', 'polluted'], value: 1 }])).toThrow();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const current = { version: 3, view: { a: 1 } };
    expect(receiveUpdate(current, { base: 2, version: 3, ops: [] }).kind).toBe('stale');
    expect(receiveUpdate(current, { base: 4, version: 5, ops: [] }).kind).toBe('gap');
    expect(
      receiveUpdate(current, { base: 3, version: 5, ops: [{ op: 'set', path: ['x', 'y'], value: 1 }] }).kind,
    ).toBe('gap');
    expect(
      receiveUpdate(current, { base: 3, version: 5, ops: [{ op: 'set', path: ['a'], value: 2 }] }),
    ).toEqual({
      kind: 'apply',
      next: { version: 5, view: { a: 2 } },
    });
  });
});

describe('update events on the wire', () => {
  it('carry the update as JSON text that decodes to the same update', () => {
    const update = {
      base: 3,
      version: 5,
      ops: [
        { op: 'set' as const, path: ['messages', 2], value: { text: 'é "quoted" ✓', n: 1 } },
        { op: 'delete' as const, path: ['x'] },
        { op: 'truncate' as const, path: ['news'], length: 0 },
      ],
    };
    const text = encodeUpdate(update);
    expect(typeof text).toBe('string');
    expect(decodeUpdate(text)).toEqual(update);
  });

  it.each([
    ['not text', { base: 1, version: 2, ops: [] }],
    ['not JSON', '{"base":1,'],
    ['JSON null', 'null'],
    ['no ops', '{"base":1,"version":2}'],
    ['a version that is not a whole number', '{"base":1,"version":"2","ops":[]}'],
  ])('refuse %s (the client then resyncs)', (_, payload) => {
    expect(decodeUpdate(payload)).toBeNull();
  });
});
