import { parseArgs } from 'node:util';
import { runEngineBench } from './engine.ts';

/**
 * `npm run bench`: measures and prints figures; asserts nothing (targets are checked by reading).
 * `npm run bench -- --quick` runs smaller sizes.
 */
const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } },
});
const quick = values.quick ?? false;

async function main() {
  const sections: [string, () => Promise<Record<string, string>> | Record<string, string>][] = [
    ['engine', () => runEngineBench({ playthroughs: quick ? 50 : 1000 })],
  ];
  for (const [name, run] of sections) {
    if (values.only && values.only !== name) continue;
    console.log(`\n# ${name}`);
    for (const [k, v] of Object.entries(await run())) console.log(`${k.padEnd(48)} ${v}`);
  }
}

await main();
