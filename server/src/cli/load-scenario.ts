import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScenarioText, type Scenario } from '@arsenal/shared';

export const SCENARIO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/scenarios');

/** Load a scenario by file path or by bundled id (`tutorial`, `france-2025`); exits with the errors if invalid. */
export function loadScenarioOrExit(ref: string): Scenario {
  const file = existsSync(ref) ? ref : join(SCENARIO_DIR, `${ref}.yaml`);
  if (!existsSync(file)) {
    console.error(`No scenario file or bundled scenario named "${ref}".`);
    process.exit(2);
  }
  const result = parseScenarioText(readFileSync(file, 'utf8'));
  if (!result.ok) {
    for (const e of result.errors) console.error(`${e.path}: ${e.message}`);
    process.exit(1);
  }
  return result.scenario;
}
