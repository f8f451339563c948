import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runEngineBench } from './engine.ts';

/**
 * `npm run bench`: measures and prints figures; asserts nothing (targets are checked by reading).
 *   --quick          smaller sizes (a minute or two in all)
 *   --only NAME      one section: engine, replay, server, cluster, client, abuse, boot
 */
const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } },
});
const quick = values.quick ?? false;

// Imported by name so that the runner typechecks before the replay benchmark exists.
const replayModule = './replay.ts';

type Section = () => Promise<Record<string, string>> | Record<string, string>;

const sections: [string, Section][] = [
  ['engine', () => runEngineBench({ playthroughs: quick ? 50 : 1000 })],
  [
    'replay',
    async () => {
      if (!existsSync(new URL('./replay.ts', import.meta.url)))
        return { skipped: 'tests/bench/replay.ts not present' };
      const { runReplayBench } = (await import(replayModule)) as {
        runReplayBench: (o?: { quick?: boolean }) => Promise<Record<string, string>> | Record<string, string>;
      };
      return runReplayBench({ quick });
    },
  ],
  [
    'server',
    async () => {
      const { runServerBench } = await import('./server-load.ts');
      return runServerBench(quick ? { exercises: 50, clients: 10, seconds: 10, warmup: 2, rounds: 1 } : {});
    },
  ],
  [
    'cluster',
    async () => {
      const { runClusterBench } = await import('./cluster.ts');
      // BENCH_EXERCISES lowers the load where the full one does not fit (this machine has two cores).
      const exercises = Number(process.env.BENCH_EXERCISES ?? (quick ? 50 : 500));
      return runClusterBench({
        exercises,
        clients: 10,
        rate: 1,
        seconds: quick ? 10 : 30,
        warmup: quick ? 2 : 5,
      });
    },
  ],
  [
    'abuse',
    async () => {
      const { runAbuseBench } = await import('./abuse.ts');
      return runAbuseBench({ quick });
    },
  ],
  [
    'boot',
    async () => {
      const { runBootBench } = await import('./boot.ts');
      return runBootBench(quick ? { exercises: 20 } : {});
    },
  ],
  [
    'client',
    async () => {
      const { runClientSizeBench } = await import('./client-size.ts');
      return runClientSizeBench();
    },
  ],
];

for (const [name, run] of sections) {
  if (values.only && values.only !== name) continue;
  console.log(`\n# ${name}`);
  for (const [k, v] of Object.entries(await run())) console.log(`${k.padEnd(56)} ${v}`);
}
