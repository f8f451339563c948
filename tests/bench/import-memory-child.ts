import fs from 'node:fs';
import { WorkerPool } from '../../server/src/workers/pool.ts';

/**
 * One import verified on the server's interactive worker (same pool options), in a process of its
 * own: prints the process's peak resident memory before and after, in MB.
 */
const text = fs.readFileSync(process.argv[2]!, 'utf8');
const pool = new WorkerPool({
  size: 1,
  resourceLimits: { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 64 },
});
const before = process.resourceUsage().maxRSS / 1024;
const r = await pool.call('verify', { text }, 600_000);
const after = process.resourceUsage().maxRSS / 1024;
await pool.close();
process.stdout.write(JSON.stringify({ ok: r.ok, before, after }));
