import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { z } from 'zod';
import { scenarioSchema, type ScenarioInput } from '@arsenal/shared';
import { parseScenario, parseScenarioText, type ScenarioError } from '@arsenal/shared';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCENARIOS = join(ROOT, 'shared/scenarios');
const FLAGSHIP = join(SCENARIOS, 'france-2025.yaml');
const TUTORIAL = join(SCENARIOS, 'tutorial.yaml');
const SCHEMA_FILE = join(SCENARIOS, 'scenario.schema.json');
// The binary `npx tsx` resolves to, called directly to spare npx's start-up time.
const TSX = join(ROOT, 'node_modules/.bin/tsx');

const tutorialText = readFileSync(TUTORIAL, 'utf8');
const tutorialData = parseYaml(tutorialText) as ScenarioInput;

const tmp = mkdtempSync(join(tmpdir(), 'arsenal-scenario-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function errorsOf(data: unknown): ScenarioError[] {
  const result = parseScenario(data);
  return result.ok ? [] : result.errors;
}

// ── Builders: clone the tutorial and break exactly one thing ─────────────────────────────────────
type Draft = ScenarioInput;

function tutorial(): Draft {
  return structuredClone(tutorialData);
}

/** The item at `i`, or a loud failure if the fixture has changed shape. */
function at<T>(items: readonly T[] | undefined, i: number): T {
  const item = items?.[i];
  if (item === undefined) throw new Error(`tutorial fixture has no item ${i}`);
  return item;
}

function broken(change: (s: Draft) => void): Draft {
  const s = tutorial();
  change(s);
  return s;
}

const firstPlant = (s: Draft) => at(s.plants, 0);
const firstTemplate = (s: Draft) => at(s.templates, 0);
const firstFront = (s: Draft) => at(s.fronts, 0);
const bands = (s: Draft) => s.rules.territoryBands;

interface BrokenCase {
  name: string;
  build: () => unknown;
  path: string;
  message: string;
}

const cases: BrokenCase[] = [
  {
    name: 'unknown plant owner',
    build: () => broken((s) => void (firstPlant(s).owner = 'nobody')),
    path: 'plants.0.owner',
    message: 'unknown team "nobody"',
  },
  {
    name: 'unknown BOM item',
    build: () => broken((s) => void (at(at(s.products, 0).bom, 0).item = 'unobtainium')),
    path: 'products.0.bom.0.item',
    message: 'unknown component or product "unobtainium"',
  },
  {
    name: 'product consuming itself',
    build: () => broken((s) => void (at(at(s.products, 0).bom, 0).item = 'fpv_rf')),
    path: 'products.0.bom.0.item',
    message: 'cannot consume itself',
  },
  {
    name: 'duplicate team id',
    build: () => broken((s) => void (at(s.teams, 2).id = 'dga')),
    path: 'teams.2.id',
    message: 'id "dga" is used twice',
  },
  {
    name: 'ramp curve going down',
    build: () => broken((s) => void (firstTemplate(s).ramp = [0.08, 0.7, 0.5, 1])),
    path: 'templates.0.ramp.2',
    message: 'must not go down',
  },
  {
    name: 'ramp not ending at 1',
    build: () => broken((s) => void (firstTemplate(s).ramp = [0.08, 0.7, 0.9])),
    path: 'templates.0.ramp',
    message: 'must end at 1',
  },
  {
    name: 'territory out of range',
    build: () => broken((s) => void (firstFront(s).territory.value = 30)),
    path: 'fronts.0.territory',
    message: 'between min and max',
  },
  {
    name: 'EW level above the rules maximum',
    build: () => broken((s) => void (s.rules.ewLevelMax = 0)),
    path: 'fronts.0.ewLevel',
    message: 'above rules.ewLevelMax',
  },
  {
    name: 'inject month after the last turn',
    build: () => broken((s) => void (at(s.injects, 0).trigger = { type: 'month', month: 7 })),
    path: 'injects.0.trigger.month',
    message: 'month 7 is after the last turn',
  },
  {
    name: 'inject stopping an unknown plant',
    build: () =>
      broken(
        (s) =>
          void (at(s.injects, 0).effects ??= []).push({ type: 'lineStoppage', plant: 'flins', months: 1 }),
      ),
    path: 'injects.0.effects.1.plant',
    message: 'unknown plant "flins"',
  },
  {
    name: 'territory bands out of order',
    build: () => broken((s) => void (at(bands(s), 2).below = 0.6)),
    path: 'rules.territoryBands.2.below',
    message: 'ascending order',
  },
  {
    name: 'last territory band bounded',
    build: () => broken((s) => void (at(bands(s), 4).below = 5)),
    path: 'rules.territoryBands.4.below',
    message: 'the last band must have below: null',
  },
  {
    name: 'unknown source citation',
    build: () => broken((s) => void (at(s.products, 0).cite = ['S999'])),
    path: 'products.0.cite.0',
    message: 'unknown source "S999"',
  },
  {
    name: 'unknown front in a KPI',
    build: () => broken((s) => void (at(s.kpis, 0).metric = { kind: 'territory', front: 'west' })),
    path: 'kpis.0.metric.front',
    message: 'unknown front "west"',
  },
  {
    name: 'effect growing with EW level',
    build: () => broken((s) => void (at(s.products, 0).effectByEw = [0.1, 0.2, 0.1, 0.1])),
    path: 'products.0.effectByEw.1',
    message: 'must not grow with EW level',
  },
  {
    name: 'ramping line without a template',
    build: () =>
      broken((s) => {
        const line = at(firstPlant(s).lines, 0);
        line.state = 'ramp';
        line.product = 'fpv_rf';
      }),
    path: 'plants.0.lines.0.template',
    message: 'needs its template',
  },
  {
    name: 'yield triangle out of order',
    build: () => broken((s) => void (s.rules.yieldTriangular = { min: 0.95, mode: 0.9, max: 1 })),
    path: 'rules.yieldTriangular',
    message: 'min ≤ mode ≤ max',
  },
  {
    name: 'strike that can never succeed',
    build: () => broken((s) => void (s.rules.strike.successAtLeast = 13)),
    path: 'rules.strike.successAtLeast',
    message: 'can never be rolled',
  },
  // Shape errors, reported by zod before any reference is checked.
  {
    name: 'wrong type',
    build: () => broken((s) => void Object.assign(s.meta, { turns: 'six' })),
    path: 'meta.turns',
    message: 'expected number, received string',
  },
  {
    name: 'extra key',
    build: () => broken((s) => void Object.assign(at(s.teams, 0), { colour: 'blue' })),
    path: 'teams.0',
    message: 'Unrecognized key: "colour"',
  },
  {
    name: 'team with a bad kind',
    build: () => broken((s) => void Object.assign(at(s.teams, 1), { kind: 'bank' })),
    path: 'teams.1.kind',
    message: 'Invalid option',
  },
  {
    name: 'effect table of the wrong length',
    build: () => broken((s) => void (at(s.products, 1).effectByEw = [0.25])),
    path: 'products.1.effectByEw',
    message: 'exactly 4 items',
  },
  {
    name: 'id that is not lower-case',
    build: () => broken((s) => void (at(s.kpis, 0).id = 'Territory')),
    path: 'kpis.0.id',
    message: 'must be a lower-case id',
  },
  {
    name: 'a firm as a rating authority (firms rate only by flow-down)',
    build: () =>
      broken((s) => void (s.rules.ratings = { buyers: ['procurement', 'industry' as 'military'] })),
    path: 'rules.ratings.buyers.1',
    message: 'Invalid option',
  },
  {
    name: 'start month that is not a month',
    build: () => broken((s) => void (s.meta.startMonth = '2025-13')),
    path: 'meta.startMonth',
    message: 'must look like 2025-02',
  },
];

describe('bundled scenarios', () => {
  it.each([
    ['france-2025.yaml', FLAGSHIP],
    ['tutorial.yaml', TUTORIAL],
  ])('%s validates', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('# yaml-language-server: $schema=./scenario.schema.json\n')).toBe(true);
    const result = parseScenarioText(text);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('the tutorial is small: three teams, six turns, one front, every trigger kind but chance', () => {
    const result = parseScenarioText(tutorialText);
    if (!result.ok) throw new Error('tutorial does not validate');
    const s = result.scenario;
    expect(s.teams.map((t) => [t.id, t.kind])).toEqual([
      ['dga', 'procurement'],
      ['autoco', 'industry'],
      ['army', 'military'],
    ]);
    expect(s.meta.turns).toBe(6);
    expect(s.fronts).toHaveLength(1);
    expect(s.products.length).toBeGreaterThanOrEqual(2);
    expect(s.products.length).toBeLessThanOrEqual(3);
    expect(new Set(s.injects.map((i) => i.trigger.type))).toEqual(
      new Set(['month', 'condition', 'facilitator', 'recurring']),
    );
  });

  it('the flagship casts every role and starts in February 2025 for 24 months', () => {
    const result = parseScenarioText(readFileSync(FLAGSHIP, 'utf8'));
    if (!result.ok) throw new Error('flagship does not validate');
    const s = result.scenario;
    expect(s.meta).toMatchObject({ startMonth: '2025-02', turns: 24 });
    expect(new Set(s.teams.map((t) => t.kind))).toEqual(
      new Set(['government', 'procurement', 'military', 'industry', 'alliance', 'adversary']),
    );
    expect(s.injects.length).toBeGreaterThanOrEqual(12);
    expect(new Set(s.injects.map((i) => i.trigger.type))).toEqual(
      new Set(['month', 'condition', 'chance', 'facilitator']),
    );
  });

  // Calibration guard: with no deliveries from the game each front loses ground slowly (README, _The month_: fronts).
  it.each([
    ['france-2025.yaml', FLAGSHIP],
    ['tutorial.yaml', TUTORIAL],
  ])('%s: without game deliveries every front sits in the "lose one step" band', (_name, file) => {
    const result = parseScenarioText(readFileSync(file, 'utf8'));
    if (!result.ok) throw new Error(`${file} does not validate`);
    const { fronts, rules } = result.scenario;
    for (const f of fronts) {
      const ratio = f.blueBaseFires / (f.redFires * f.intensity);
      const band = rules.territoryBands.find((b) => b.below === null || ratio < b.below);
      expect({ front: f.id, move: band?.move }).toEqual({ front: f.id, move: -1 });
    }
  });
});

describe('broken scenarios report the exact path', () => {
  it.each(cases)('$name → $path', ({ build, path, message }) => {
    expect(errorsOf(build())).toEqual([{ path, message: expect.stringContaining(message) }]);
  });

  it('malformed YAML is a root error, not an exception', () => {
    const result = parseScenarioText('meta: { id: tutorial\nteams: [');
    expect(result.ok ? [] : result.errors).toEqual([
      { path: '(root)', message: expect.stringContaining('not valid YAML or JSON') },
    ]);
  });
});

describe('scenario:check CLI', () => {
  const CLI = join(ROOT, 'server/src/cli/scenario-check.ts');
  const run = (...files: string[]) => spawnSync(TSX, [CLI, ...files], { cwd: ROOT, encoding: 'utf8' });
  const badFile = join(tmp, 'bad.yaml');
  beforeAll(() => writeFileSync(badFile, toYaml(broken((s) => void (firstPlant(s).owner = 'nobody')))));

  it('prints ok and exits 0 for a good file', () => {
    const r = run(TUTORIAL);
    expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 0, stdout: 'ok\n' });
  });

  it('prints path: message lines and exits 1 for a bad file', () => {
    const r = run(badFile);
    expect({ status: r.status, stdout: r.stdout }).toEqual({
      status: 1,
      stdout: 'plants.0.owner: unknown team "nobody"\n',
    });
  });

  it('prefixes each line with the file name when given several files', () => {
    const r = run(TUTORIAL, badFile);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(`${TUTORIAL}: ok\n${badFile}: plants.0.owner: unknown team "nobody"\n`);
  });

  it('exits 2 with a clear message for an unreadable file or no arguments', () => {
    const missing = run(join(tmp, 'missing.yaml'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('missing.yaml: cannot read file: no such file');
    const usage = run();
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('usage: npm run scenario:check -- FILE');
  });
});

describe('scenario.schema.json', () => {
  const committed = readFileSync(SCHEMA_FILE, 'utf8');

  it('equals a fresh z.toJSONSchema of the zod schema (regenerate with npm run scenario:schema)', () => {
    expect(JSON.parse(committed)).toEqual(z.toJSONSchema(scenarioSchema, { io: 'input' }));
  });

  it('is what scenario:schema writes, byte for byte', () => {
    const out = join(tmp, 'scenario.schema.json');
    const r = spawnSync(TSX, [join(ROOT, 'server/src/cli/scenario-schema.ts'), out], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(out);
    expect(readFileSync(out, 'utf8')).toBe(committed);
  });
});
