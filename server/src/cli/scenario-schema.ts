/**
 * `npm run scenario:schema [-- OUT]`: write the JSON Schema of the scenario format, generated from the
 * zod schema, so that editors can complete and check scenario YAML files. The default output is
 * `shared/scenarios/scenario.schema.json`, which is committed; a test keeps it in step with the zod schema.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { scenarioSchema } from '@arsenal/shared';

const DEFAULT_OUT = fileURLToPath(new URL('../../../shared/scenarios/scenario.schema.json', import.meta.url));

// io: 'input' describes what an author writes: fields with defaults are optional.
const schema = z.toJSONSchema(scenarioSchema, { io: 'input' });
const args = process.argv.slice(2);
if (args.length > 1 || args[0]?.startsWith('-')) {
  console.error('usage: npm run scenario:schema [-- OUT]');
  process.exitCode = 2;
} else {
  const out = args[0] === undefined ? DEFAULT_OUT : resolve(args[0]);
  await writeFile(out, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(out);
}
