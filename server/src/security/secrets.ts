import crypto from 'node:crypto';
import { CROCKFORD, JOIN_CODE_LENGTH } from '../shared.ts';

/** Seat tokens: 256 random bits, URL-safe. Only their hash is stored. */
export function newToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** Short random ids (exercise ids, token ids): 80 bits in lower-case Crockford base32. */
export function newId(symbols = 16): string {
  return randomCrockford(symbols).toLowerCase();
}

/** A join code in canonical form: 12 Crockford symbols = 60 bits. */
export function newJoinCode(): string {
  return randomCrockford(JOIN_CODE_LENGTH);
}

function randomCrockford(symbols: number): string {
  // 256 is a multiple of 32, so `byte % 32` is uniform.
  const bytes = crypto.randomBytes(symbols);
  let out = '';
  for (const b of bytes) out += CROCKFORD[b % 32];
  return out;
}

/**
 * Hash for storing and looking up secrets. Tokens and codes are random enough that no salt or
 * stretching is needed.
 */
export function secretHash(secret: string): string {
  return nativeSha256Hex(secret);
}

export function randomSeed(): number {
  return crypto.randomBytes(4).readUInt32BE(0);
}

/**
 * SHA-256 (hex) of a string's UTF-8 bytes with node:crypto: the same function as the shared package's
 * portable `sha256Hex`, several times faster; the server hashes its log chain with it.
 */
export function nativeSha256Hex(text: string): string {
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}
