import fs from 'node:fs';
import path from 'node:path';
import { Autoplay, buildExport, createExercise, hashState } from '@arsenal/shared';
import { defaultConfig } from '../../server/src/config.ts';
import { bundled } from '../helpers/scenarios.ts';
import { spawnServer } from '../integration/helpers/child.ts';
import { Http } from '../integration/helpers/http.ts';
import { startServer, tempDir } from '../integration/helpers/server.ts';
import { fmt } from './stats.ts';

/**
 * `npm run bench -- --only boot`: how long the server takes from start to listening with a data folder
 * of many unfinished exercises, each a flagship log of some months played by bots (boot folds every
 * unfinished exercise's whole log and checks it against its snapshot before it listens).
 */
export async function runBootBench(opts: { exercises?: number; months?: number } = {}) {
  const exercises = opts.exercises ?? 200;
  const months = opts.months ?? 12;
  const s = bundled('france-2025');
  const setup = { seed: 5, bots: [] as string[] };
  let t = 1_700_000_000_000;
  const play = new Autoplay(s, createExercise(s, setup), () => (t += 1000)).play(months);
  const text = JSON.stringify(
    buildExport(s, setup, play.log, { exerciseId: 'boot', stateHash: hashState(play.state) }),
  );

  const dataDir = tempDir('arsenal-boot-');
  // filled through the real import route, with the creation budget lifted
  const filler = await startServer({
    dataDir,
    config: { limits: { ...defaultConfig.limits, createBurst: exercises + 10 } },
  });
  const http = new Http(filler.url);
  for (let i = 0; i < exercises; i += 2) {
    const batch = [i, i + 1].filter((k) => k < exercises);
    const answers = await Promise.all(batch.map(() => http.request('POST', '/api/imports', { raw: text })));
    for (const a of answers) if (a.status !== 201) throw new Error(`import failed: ${a.status} ${a.text}`);
  }
  await filler.close();
  const bytes = fs.statSync(path.join(dataDir, 'arsenal.db')).size;

  // BOOT_PROFILE=<dir>: a CPU profile of the server's boot with the full folder
  const profile = process.env.BOOT_PROFILE;
  const time = async (dir: string, flags: string[] = []) => {
    const started = performance.now();
    const server = await spawnServer(dir, {}, flags);
    const ms = performance.now() - started;
    const live = /"msg":"exercises rebuilt","live":(\d+)/.exec(server.logs.join('\n'))?.[1];
    server.proc.kill('SIGTERM');
    await server.exited;
    return { ms, live: Number(live) };
  };
  const empty = await time(tempDir('arsenal-boot-empty-'));
  const full = await time(dataDir, profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profile)}`] : []);
  fs.rmSync(dataDir, { recursive: true, force: true });
  return {
    [`boot, empty data folder (start → listening)`]: fmt(empty.ms),
    [`boot, ${exercises} unfinished flagship exercises of ${play.log.length} entries (${(bytes / 1e6).toFixed(0)} MB)`]: `${fmt(full.ms)} (${full.live} rebuilt; ${fmt((full.ms - empty.ms) / exercises)} each)`,
  };
}
