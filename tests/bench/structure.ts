import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import ts from 'typescript';

/**
 * The figures of issue 11 (artifacts/structure-before.txt, structure-after.txt):
 *
 * - the import graph of shared/src, server/src and client/src, walked with the TypeScript API: static
 *   imports and re-exports, type-only ones included (dynamic `import()` is not an edge); cycles are
 *   its strongly connected groups; an arrow is "upward" when it runs from a layer to one above it, by
 *   the layers `npm run lint` holds (`LAYERS` in eslint.config.js);
 * - the largest files (lines) and functions (lines from `function`/`=>` to its end);
 * - the client's initial JavaScript per screen: gzip -9 of the entry chunk plus the screen's lazy
 *   chunk and everything both import statically, from a production build's manifest.
 *
 *   npm run structure                                          # prints the figures
 *   npm run structure -- --write artifacts/structure-after.txt  # and writes them to a file
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const PACKAGES = ['shared/src', 'server/src', 'client/src'];
const ENTRIES: Record<string, string> = {
  '@arsenal/shared': 'shared/src/index.ts',
  '@arsenal/shared/protocol': 'shared/src/protocol/index.ts',
  '@arsenal/shared/validate': 'shared/src/schema/validate.ts',
};

const files = PACKAGES.flatMap((dir) =>
  fs
    .readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => `${dir}/${f.split(path.sep).join('/')}`),
).sort();
const known = new Set(files);

function resolve(from: string, spec: string): string | null {
  if (ENTRIES[spec]) return ENTRIES[spec];
  if (!spec.startsWith('.')) return null;
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  for (const f of [target, `${target}.ts`, `${target}.tsx`, `${target}/index.ts`]) if (known.has(f)) return f;
  return null;
}

interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
}
interface Fn {
  where: string;
  name: string;
  lines: number;
}

const edges = new Map<string, Edge>();
const functions: Fn[] = [];
const sizes: [number, string][] = [];

for (const file of files) {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  sizes.push([text.split('\n').length - (text.endsWith('\n') ? 1 : 0), file]);
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const lineOf = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line + 1;
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      const to = resolve(file, (node.moduleSpecifier as ts.StringLiteral).text);
      if (to) {
        const typeOnly = ts.isImportDeclaration(node)
          ? Boolean(node.importClause?.isTypeOnly) ||
            Boolean(
              node.importClause &&
              !node.importClause.name &&
              node.importClause.namedBindings &&
              ts.isNamedImports(node.importClause.namedBindings) &&
              node.importClause.namedBindings.elements.length > 0 &&
              node.importClause.namedBindings.elements.every((e) => e.isTypeOnly),
            )
          : node.isTypeOnly;
        const key = `${file} -> ${to}`;
        const seen = edges.get(key);
        edges.set(key, { from: file, to, typeOnly: (seen?.typeOnly ?? true) && typeOnly });
      }
    }
    const named = (n: ts.Node): string | null => {
      if (ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n)) return n.name?.getText(sf) ?? 'default';
      if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && ts.isVariableDeclaration(n.parent))
        return n.parent.name.getText(sf);
      return null;
    };
    const name = named(node);
    if (name) {
      const start = lineOf(node.getStart(sf));
      functions.push({ where: `${file}:${start}`, name, lines: lineOf(node.getEnd()) - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

/** Tarjan's strongly connected components: the groups of modules that import each other in a ring. */
function cycles(): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges.values()) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  let i = 0;
  const connect = (v: string) => {
    index.set(v, i);
    low.set(v, i++);
    stack.push(v);
    on.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1 || next.get(v)?.includes(v)) out.push(group.sort());
    }
  };
  for (const f of files) if (!index.has(f)) connect(f);
  return out;
}

type Layers = Record<string, (string | string[])[]>;
const { LAYERS } = (await import(path.join(ROOT, 'eslint.config.js'))) as { LAYERS: Layers };

/** A file's layer in its package: the index of the longest layer entry that contains it. */
function layerOf(file: string): { pkg: string; at: number } | null {
  for (const [pkg, order] of Object.entries(LAYERS)) {
    if (!file.startsWith(`${pkg}/`)) continue;
    const rel = file.slice(pkg.length + 1);
    let best = { at: -1, length: -1 };
    order.forEach((entry, at) => {
      for (const e of [entry].flat())
        if ((rel === e || rel.startsWith(`${e}/`)) && e.length > best.length) best = { at, length: e.length };
    });
    return best.at < 0 ? null : { pkg, at: best.at };
  }
  return null;
}

function upward(): Edge[] {
  return [...edges.values()].filter((e) => {
    const a = layerOf(e.from);
    const b = layerOf(e.to);
    return a && b && a.pkg === b.pkg && b.at > a.at;
  });
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

interface ManifestChunk {
  file: string;
  src?: string;
  imports?: string[];
  dynamicImports?: string[];
  isEntry?: boolean;
}

/** The client's production build with a manifest, in a temporary folder. */
function clientSizes(): string[] {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'arsenal-structure-'));
  execFileSync(
    'npx',
    ['vite', 'build', '--manifest', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'],
    {
      cwd: path.join(ROOT, 'client'),
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const manifest = JSON.parse(fs.readFileSync(path.join(outDir, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const gz = (file: string) => gzipSync(fs.readFileSync(path.join(outDir, file)), { level: 9 }).length;
  const closure = (key: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(key)) return seen;
    seen.add(key);
    for (const dep of manifest[key]?.imports ?? []) closure(dep, seen);
    return seen;
  };
  const bytes = (keys: Iterable<string>) => [...keys].reduce((n, k) => n + gz(manifest[k]!.file), 0);
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
  const shell = closure(entry);
  const out = [`entry (every screen): ${kb(bytes(shell))} gzip`];
  for (const screen of manifest[entry]!.dynamicImports ?? []) {
    const name = path.basename(screen).replace(/\.tsx?$/, '');
    const all = closure(screen, new Set(shell));
    const own = [...all].filter((k) => !shell.has(k));
    out.push(
      `  ${name.padEnd(18)} initial ${kb(bytes(all)).padStart(9)} gzip (screen's own ${kb(bytes(own))})`,
    );
  }
  const lazy = Object.keys(manifest).filter(
    (k) => !manifest[k]!.isEntry && /Chart/.test(k) && !(manifest[entry]!.dynamicImports ?? []).includes(k),
  );
  for (const k of lazy) out.push(`  chart chunk ${manifest[k]!.file}: ${kb(gz(manifest[k]!.file))} gzip`);
  fs.rmSync(outDir, { recursive: true, force: true });
  return out;
}

const rel = (f: string) => f;
const groups = cycles();
const up = upward();
const lines = [
  `## Import graph, file and function sizes`,
  `$ npm run structure -- --write artifacts/structure-after.txt   (tests/bench/structure.ts)`,
  '',
  `modules: ${files.length}, import edges: ${edges.size}`,
  `cycles (strongly connected groups, static imports incl. type-only): ${groups.length}`,
  ...groups.map((g) => `  - ${g.map(rel).join(', ')}`),
  `upward arrows (by the layers of eslint.config.js): ${up.length}`,
  ...up.map((e) => `  - ${e.from} -> ${e.to}${e.typeOnly ? ' (type)' : ''}`),
  'largest files (lines):',
  ...sizes
    .sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? -1 : 1))
    .slice(0, 12)
    .map(([n, f]) => `  ${n}\t${f}`),
  'largest functions (lines):',
  ...functions
    .sort((a, b) => b.lines - a.lines || (a.where < b.where ? -1 : 1))
    .slice(0, 12)
    .map((f) => `  ${f.lines}\t${f.where} ${f.name}`),
  '',
  '## Client initial JavaScript per screen (gzip -9 of the entry plus the screen chunk and its static imports)',
  ...clientSizes(),
];
const text = lines.join('\n') + '\n';
process.stdout.write(text);
const at = process.argv.indexOf('--write');
if (at > 0 && process.argv[at + 1]) {
  const head = `# Structure after issue 11 (main at ${execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim()})\n\n`;
  fs.writeFileSync(process.argv[at + 1]!, head + text);
}
