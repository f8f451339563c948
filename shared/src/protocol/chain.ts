import type { Actor, Command, LogEntry } from '../schema/commands.ts';
import { canonicalJSON, sha256Hex } from '../util/canonical.ts';

/**
 * The log's hash chain (README, _Export and import_): `hash = sha256(prevHash + canonicalJSON({seq, at, actor, command}))`.
 * The first entry's prevHash binds the chain to the exercise's scenario and setup.
 */

export function genesisHash(scenarioHash: string, setup: { seed: number; bots: readonly string[] }): string {
  return sha256Hex(
    canonicalJSON({ chain: 'arsenal/1', scenario: scenarioHash, seed: setup.seed, bots: setup.bots }),
  );
}

/** SHA-256 of a string's UTF-8 bytes, as hex. A server may pass its platform's (faster) implementation. */
export type Sha256Hex = (text: string) => string;

export function entryHash(
  prevHash: string,
  entry: { seq: number; at: number; actor: Actor; command: Command },
  sha: Sha256Hex = sha256Hex,
): string {
  const { seq, at, actor, command } = entry;
  return sha(prevHash + canonicalJSON({ seq, at, actor, command }));
}

/** Checks sequence numbers and hashes; the index of the first entry that does not verify, if any. */
export function verifyChain(
  genesis: string,
  entries: readonly LogEntry[],
  sha: Sha256Hex = sha256Hex,
): { ok: true; lastHash: string } | { ok: false; index: number } {
  let prev = genesis;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (e.seq !== i + 1 || e.prevHash !== prev || e.hash !== entryHash(prev, e, sha))
      return { ok: false, index: i };
    prev = e.hash;
  }
  return { ok: true, lastHash: prev };
}
