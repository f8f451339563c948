import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { longLogExport } from '../helpers/long-log.ts';

/**
 * Issue 13 item 9: the import verifier's memory is linear in the log. For each size, a long valid
 * export (`longLogExport`) is verified on a worker like the server's, in a process of its own; the
 * figure is that process's peak resident memory beyond what it held before the task (the file's
 * text is read first). Twice the entries should need about twice the memory, not four times.
 */
export function runImportMemoryBench(sizes = [7_500_000, 15_000_000]): Record<string, string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arsenal-import-mem-'));
  const out: Record<string, string> = {};
  try {
    for (const chars of sizes) {
      const big = longLogExport(chars);
      const file = path.join(dir, `${chars}.json`);
      fs.writeFileSync(file, big.text);
      const answer = execFileSync(
        process.execPath,
        ['--import', 'tsx', path.join(import.meta.dirname, 'import-memory-child.ts'), file],
        { encoding: 'utf8' },
      );
      const r = JSON.parse(answer) as { ok: boolean; before: number; after: number };
      out[`import verifier, ${(big.text.length / 1e6).toFixed(1)} MB, ${big.entries} entries`] =
        `${r.ok ? 'verified' : 'REFUSED'}; peak memory +${(r.after - r.before).toFixed(0)} MB (process peak ${r.after.toFixed(0)} MB)`;
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
