import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

/**
 * The JavaScript a browser downloads before each screen works: the app shell plus the screen's chunk
 * and everything they import statically (chunks loaded later on demand, like the history charts, are
 * listed apart). Sizes are gzip level 9 of the production build. Target: team console ≤ 300 KB.
 *
 *   npx tsx tests/bench/client-size.ts
 */

const ROOT = path.resolve(import.meta.dirname, '../../client');

interface ManifestChunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  isEntry?: boolean;
}
type Manifest = Record<string, ManifestChunk>;

const SCREENS: Record<string, string> = {
  'team console': 'src/screens/team/TeamPage.tsx',
  'facilitator console': 'src/screens/facilitator/FacilitatorPage.tsx',
  'room display': 'src/screens/display/DisplayPage.tsx',
  home: 'src/screens/home/HomePage.tsx',
};

function closure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of manifest[key]?.imports ?? []) closure(manifest, dep, seen);
  return seen;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export async function runClientSizeBench(): Promise<Record<string, string>> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'arsenal-size-'));
  await build({
    configFile: path.join(ROOT, 'vite.config.ts'),
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true, manifest: true, sourcemap: false },
  });
  const manifest = JSON.parse(fs.readFileSync(path.join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest;
  const gz = new Map<string, number>();
  const sizeOf = (file: string) => {
    if (!gz.has(file)) gz.set(file, gzipSync(fs.readFileSync(path.join(outDir, file)), { level: 9 }).length);
    return gz.get(file)!;
  };
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
  const js = (keys: Iterable<string>) => [...keys].reduce((n, k) => n + sizeOf(manifest[k]!.file), 0);
  const css = (keys: Iterable<string>) =>
    [...new Set([...keys].flatMap((k) => manifest[k]!.css ?? []))].reduce((n, f) => n + sizeOf(f), 0);

  const out: Record<string, string> = {};
  const shell = closure(manifest, entry);
  out['app shell JS (gzip)'] = kb(js(shell));
  for (const [name, key] of Object.entries(SCREENS)) {
    const keys = closure(manifest, key, new Set(shell));
    out[`${name}: initial JS (gzip)`] = kb(js(keys));
    if (name === 'team console') out[`${name}: initial CSS (gzip)`] = kb(css(keys));
  }
  const charts = Object.keys(manifest).find((k) => k.endsWith('HistoryCharts.tsx'));
  if (charts) {
    const extra = [...closure(manifest, charts)].filter(
      (k) => !closure(manifest, SCREENS['team console']!, new Set(shell)).has(k),
    );
    out['history charts, on demand (gzip)'] = kb(js(extra));
  }
  fs.rmSync(outDir, { recursive: true, force: true });
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const figures = await runClientSizeBench();
  console.log('# client size');
  for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(44)} ${v}`);
}
