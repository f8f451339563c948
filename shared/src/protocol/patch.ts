/**
 * Views travel as patches: the server diffs each audience's new view against the one it sent last, and
 * the client applies the patch. Views are plain JSON (no undefined, functions, dates or cycles).
 *
 * Written by hand rather than with RFC 6902 JSON Patch (fast-json-patch) or immer's patches: the diff
 * skips a subtree at once when it is the same object as before (ViewBuilder reuses unchanged pieces, so
 * most of a view is skipped by reference), the applied document shares every untouched subtree with
 * the old one (so the client sees what changed by reference), `truncate` shortens a list in one op, and no path
 * can reach `__proto__`. Those libraries compare by value and copy, or mutate in place.
 */

export type PathSegment = string | number;

export type PatchOp =
  | { op: 'set'; path: PathSegment[]; value: unknown }
  | { op: 'delete'; path: PathSegment[] }
  | { op: 'truncate'; path: PathSegment[]; length: number };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The one key that would reach an object's prototype if written through a path. Never in a view. */
const FORBIDDEN = '__proto__';

const ownValue = (o: object, key: PathSegment): unknown =>
  Object.hasOwn(o, key) ? (o as Record<PathSegment, unknown>)[key] : undefined;

/** The operations that turn `before` into `after`. Identical subtrees (same reference or equal) give nothing. */
export function diff(before: unknown, after: unknown): PatchOp[] {
  const ops: PatchOp[] = [];
  walk(before, after, [], ops);
  return ops;
}

/** `path` is one stack shared by the whole walk; an op gets its own copy. */
function walk(a: unknown, b: unknown, path: PathSegment[], ops: PatchOp[]): void {
  if (a === b) return;
  if (isObject(a) && isObject(b)) {
    for (const key of Object.keys(a)) {
      if (a[key] !== undefined && ownValue(b, key) === undefined)
        ops.push({ op: 'delete', path: [...path, key] });
    }
    for (const key of Object.keys(b)) {
      const value = b[key];
      if (value === undefined) continue;
      const before = ownValue(a, key);
      if (before === undefined) ops.push({ op: 'set', path: [...path, key], value });
      else if (before !== value) {
        path.push(key);
        walk(before, value, path, ops);
        path.pop();
      }
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const common = Math.min(a.length, b.length);
    for (let i = 0; i < common; i++) {
      if (a[i] === b[i]) continue;
      path.push(i);
      walk(a[i], b[i], path, ops);
      path.pop();
    }
    for (let i = common; i < b.length; i++) ops.push({ op: 'set', path: [...path, i], value: b[i] });
    if (b.length < a.length) ops.push({ op: 'truncate', path: [...path], length: b.length });
    return;
  }
  ops.push({ op: 'set', path: [...path], value: b });
}

/**
 * A new document with the patch applied; `doc` is left untouched and unchanged subtrees are shared, so
 * that UI code can compare by reference. Throws on a path that does not fit the document (a client
 * then asks for a full resync).
 */
export function applyPatch<T>(doc: T, ops: readonly PatchOp[]): T {
  const copied = new Set<unknown>();
  const own = (v: unknown): Obj | unknown[] => {
    if (copied.has(v)) return v as Obj | unknown[];
    const copy = Array.isArray(v) ? [...v] : { ...(v as Obj) };
    copied.add(copy);
    return copy;
  };
  let root: unknown = doc;
  for (const op of ops) {
    if (op.path.length === 0) {
      root = applyAtRoot(root, op);
      continue;
    }
    root = own(root);
    let node = root as Obj | unknown[];
    for (let i = 0; i < op.path.length - 1; i++) {
      const key = checkKey(op.path[i]);
      const child = ownValue(node, key);
      if (typeof child !== 'object' || child === null) throw new Error('patch does not fit the document');
      const copy = own(child);
      (node as Obj)[key] = copy;
      node = copy;
    }
    const last = checkKey(op.path[op.path.length - 1]);
    if (op.op === 'set') (node as Obj)[last] = op.value;
    else if (op.op === 'delete') delete (node as Obj)[last];
    else {
      const target = ownValue(node, last);
      if (!Array.isArray(target)) throw new Error('patch does not fit the document');
      const cut = target.slice(0, op.length);
      copied.add(cut);
      (node as Obj)[last] = cut;
    }
  }
  return root as T;
}

function applyAtRoot(root: unknown, op: PatchOp): unknown {
  if (op.op === 'set') return op.value;
  if (op.op === 'truncate' && Array.isArray(root)) return root.slice(0, op.length);
  throw new Error('patch does not fit the document');
}

function checkKey(key: PathSegment | undefined): string | number {
  if (key === undefined || key === FORBIDDEN) throw new Error('bad patch path');
  return key;
}

export type { Json };
