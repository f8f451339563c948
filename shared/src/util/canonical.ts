import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * JSON with object keys sorted, so that equal values always give equal text (and equal hashes). Written
 * by hand rather than with a JSON canonicalisation (RFC 8785) package: the hashes of every stored log and
 * export are defined by exactly this text (keys sorted by UTF-16 code units, `undefined` members left out,
 * non-finite numbers as null, numbers as `JSON.stringify` writes them), so it must never change with a
 * dependency's version; it is also the hot path of state hashing, and is a dozen lines.
 */
export function canonicalJSON(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJSON).join(',')}]`;
  const entries = Object.keys(value as Record<string, unknown>)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJSON((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** A record's own entry, never one inherited from Object.prototype (ids such as "constructor" are data). */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * Deep copy of plain JSON data (the only kind the engine keeps). Several times faster than
 * `structuredClone` on the engine's many small objects, which matters in replays.
 */
export function cloneJSON<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneJSON) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = cloneJSON((value as Record<string, unknown>)[key]);
  return out as T;
}
