import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';

/**
 * Bounds on an uploaded scenario's text, checked before and while it is parsed, so that a hostile
 * document (tens of thousands of keys in one mapping, a million levels of nesting) is refused in
 * linear time instead of stalling the parser. The largest bundled scenario uses about 1,100 keys,
 * 2,000 lines and 8 levels: every bound is far above any real scenario.
 */
export const SCENARIO_BOUNDS = {
  /** Characters of text. */
  maxChars: 2_000_000,
  /** Lines of text. */
  maxLines: 100_000,
  /** `:` and `,` outside double-quoted strings: an upper bound on keys and flow items, counted first. */
  maxSeparators: 40_000,
  /** Nodes (mappings, sequences, scalars) in the whole document. */
  maxNodes: 200_000,
  /** Keys in one mapping. */
  maxKeys: 2_000,
  /** Items in one sequence. */
  maxItems: 20_000,
  /** Nesting of mappings and sequences. */
  maxDepth: 40,
  /** Characters before a line's content (indentation and compact `- ` / `? ` markers). */
  maxIndent: 240,
  /** YAML aliases (`*ref`), the billion-laughs guard. */
  maxAliases: 100,
} as const;

export interface BoundError {
  path: string;
  message: string;
}

export type ParsedText = { ok: true; data: unknown } | { ok: false; error: BoundError };

const fail = (path: string, message: string): ParsedText => ({ ok: false, error: { path, message } });

/**
 * One linear pass over the characters: lines, separators, indentation and flow nesting (`[` `{` outside
 * double-quoted strings). Nesting deeper than the bound is refused before the parser builds it.
 */
export function scanText(text: string, b = SCENARIO_BOUNDS): BoundError | null {
  if (text.length > b.maxChars)
    return { path: '(root)', message: `file is larger than ${b.maxChars} characters` };
  let lines = 1;
  let lineStart = true;
  let indent = 0;
  let flow = 0;
  let inString = false;
  let separators = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      if (++lines > b.maxLines) return { path: '(root)', message: `more than ${b.maxLines} lines` };
      lineStart = true;
      indent = 0;
      continue;
    }
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
      continue;
    }
    if (lineStart) {
      // spaces, tabs, and the "- " / "? " markers of compact nested collections
      const marker = (c === 45 || c === 63) && (text.charCodeAt(i + 1) === 32 || i + 1 === text.length);
      if (c === 32 || c === 9 || marker) {
        if (++indent > b.maxIndent)
          return { path: `(line ${lines})`, message: `nested more than ${b.maxIndent} characters deep` };
        continue;
      }
      lineStart = false;
    }
    if (c === 34) inString = true;
    else if (c === 58 || c === 44) {
      if (++separators > b.maxSeparators)
        return { path: '(root)', message: `more than ${b.maxSeparators} keys and items` };
    } else if (c === 91 || c === 123) {
      if (++flow > b.maxDepth)
        return { path: `(line ${lines})`, message: `nested more than ${b.maxDepth} levels deep` };
    } else if ((c === 93 || c === 125) && flow > 0) flow--;
  }
  return null;
}

/**
 * YAML (or JSON) text to plain data, within the bounds. The parser's own duplicate-key check is
 * quadratic in a mapping's keys, so it is off and duplicates are found here, with a set per mapping.
 */
export function parseBoundedYaml(text: string, b = SCENARIO_BOUNDS): ParsedText {
  const scanned = scanText(text, b);
  if (scanned) return { ok: false, error: scanned };
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  const first = doc.errors[0];
  if (first) return fail('(root)', `not valid YAML or JSON: ${first.message.split('\n')[0]}`);
  const walked = walk(doc.contents, b);
  if (walked) return { ok: false, error: walked };
  try {
    return { ok: true, data: doc.toJS({ maxAliasCount: b.maxAliases }) };
  } catch (err) {
    return fail(
      '(root)',
      `not valid YAML or JSON: ${err instanceof Error ? err.message.split('\n')[0] : 'unreadable'}`,
    );
  }
}

/** Depth, sizes and duplicate keys, without recursion (the depth bound holds, but a stack is cheap). */
function walk(root: unknown, b: typeof SCENARIO_BOUNDS): BoundError | null {
  const stack: { node: unknown; depth: number; path: string }[] = [{ node: root, depth: 0, path: '' }];
  let nodes = 0;
  const at = (path: string) => path || '(root)';
  while (stack.length) {
    const { node, depth, path } = stack.pop()!;
    if (++nodes > b.maxNodes) return { path: '(root)', message: `more than ${b.maxNodes} values` };
    if (depth > b.maxDepth) return { path: at(path), message: `nested more than ${b.maxDepth} levels deep` };
    if (isMap(node)) {
      if (node.items.length > b.maxKeys)
        return { path: at(path), message: `more than ${b.maxKeys} keys in one mapping` };
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        const name = `${path ? `${path}.` : ''}${String(key)}`;
        if (seen.has(key)) return { path: name, message: `key "${String(key)}" is used twice` };
        seen.add(key);
        stack.push({ node: pair.value, depth: depth + 1, path: name });
      }
    } else if (isSeq(node)) {
      if (node.items.length > b.maxItems)
        return { path: at(path), message: `more than ${b.maxItems} items in one list` };
      node.items.forEach((item, i) =>
        stack.push({ node: item as Node, depth: depth + 1, path: `${path ? `${path}.` : ''}${i}` }),
      );
    }
  }
  return null;
}
