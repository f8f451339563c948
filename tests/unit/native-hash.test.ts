import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entryHash, sha256Hex, verifyChain, type LogEntry } from '../../server/src/shared.ts';
import { nativeSha256Hex } from '../../server/src/security/secrets.ts';

describe('the server’s native SHA-256', () => {
  it('equals the portable one on any text, non-ASCII included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 600 }), (text) => {
        expect(nativeSha256Hex(text)).toBe(sha256Hex(text));
      }),
      { numRuns: 300 },
    );
    expect(nativeSha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('builds chains the portable verifier accepts, and the other way round', () => {
    let prev = 'genesis';
    const entries: LogEntry[] = [];
    for (let seq = 1; seq <= 20; seq++) {
      const e = {
        seq,
        at: 1_700_000_000_000 + seq,
        actor: { role: 'facilitator' as const },
        command: { type: 'message' as const, to: 'all', text: `é ${seq} ✓` },
      };
      const hash = entryHash(prev, e, nativeSha256Hex);
      expect(hash).toBe(entryHash(prev, e));
      entries.push({ ...e, prevHash: prev, hash });
      prev = hash;
    }
    expect(verifyChain('genesis', entries)).toEqual({ ok: true, lastHash: prev });
    expect(verifyChain('genesis', entries, nativeSha256Hex)).toEqual({ ok: true, lastHash: prev });
    const tampered = entries.map((e, i) => (i === 7 ? { ...e, at: e.at + 1 } : e));
    expect(verifyChain('genesis', tampered, nativeSha256Hex)).toEqual({ ok: false, index: 7 });
  });
});
