import fs from 'node:fs';
import path from 'node:path';
import { parseScenarioText, type Scenario, type ScenarioSummary } from '../shared.ts';
import type { Logger } from '../logger.ts';

/** The scenarios an exercise can be created from by id. */
export interface ScenarioRegistry {
  list(): ScenarioSummary[];
  get(id: string): Scenario | undefined;
}

export function summarise(s: Scenario): ScenarioSummary {
  return {
    id: s.meta.id,
    title: s.meta.title,
    summary: s.meta.summary,
    turns: s.meta.turns,
    startMonth: s.meta.startMonth,
    language: s.meta.language,
    teams: s.teams.map((t) => ({ id: t.id, name: t.name, kind: t.kind })),
  };
}

/** Scenarios given as objects (tests, embedding). */
export function staticRegistry(scenarios: readonly Scenario[]): ScenarioRegistry {
  const byId = new Map(scenarios.map((s) => [s.meta.id, s]));
  return {
    list: () => [...byId.values()].map(summarise),
    get: (id) => byId.get(id),
  };
}

/**
 * The bundled scenarios: every `*.yaml`/`*.yml`/`*.json` file of `dir` that validates (scenario JSON
 * Schemas are skipped), read once at start-up. Files that do not validate are logged and left out.
 */
export function folderRegistry(dir: string, logger: Logger): ScenarioRegistry {
  const scenarios: Scenario[] = [];
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
  for (const file of files) {
    if (!/\.(ya?ml|json)$/.test(file) || file.endsWith('.schema.json')) continue;
    const result = parseScenarioText(fs.readFileSync(path.join(dir, file), 'utf8'));
    if (result.ok) scenarios.push(result.scenario);
    else logger.error('bundled scenario does not validate', { file, errors: result.errors.slice(0, 5) });
  }
  return staticRegistry(scenarios);
}
