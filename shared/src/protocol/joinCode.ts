/**
 * Join codes are typed by people in a room, so they use Crockford's base32: digits and capital letters
 * without I, L, O and U, read case-insensitively, with I/L read as 1 and O as 0. Twelve symbols carry
 * 60 bits and print as three groups of four: `K7M2-Q9XW-4TRH`.
 */
export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const JOIN_CODE_LENGTH = 12;
export const JOIN_CODE_GROUP = 4;

/** The canonical form of what someone typed (no separators, upper case), or null if it cannot be a code. */
export function normaliseJoinCode(input: string): string | null {
  if (input.length > 64) return null;
  const symbols = input
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  if (symbols.length !== JOIN_CODE_LENGTH) return null;
  for (const c of symbols) if (!CROCKFORD.includes(c)) return null;
  return symbols;
}

/** `K7M2Q9XW4TRH` → `K7M2-Q9XW-4TRH`. */
export function formatJoinCode(code: string): string {
  const groups: string[] = [];
  for (let i = 0; i < code.length; i += JOIN_CODE_GROUP) groups.push(code.slice(i, i + JOIN_CODE_GROUP));
  return groups.join('-');
}
