import { describe, expect, it } from 'vitest';
import { bundled } from '../helpers/scenarios.ts';
import { calibrate, caseFiles, inBand, loadCase, MIN_IN_BAND, playCase } from './case.ts';

const flagship = bundled('france-2025');

describe.each(caseFiles())('calibration case %s', (file) => {
  const c = loadCase(file, flagship);
  const results = calibrate(c);
  it.each(results.map((r) => [r.anchor.id, r] as const))(
    'anchor %s: engine ÷ history within [0.5, 2] (median and ≥ 90 % of seeds)',
    (_, r) => {
      expect(r.ratio, `${r.anchor.label}: median ${r.median} vs history ${r.anchor.history}`).not.toBeNull();
      expect(r.ratio!).toBeGreaterThanOrEqual(0.5);
      expect(r.ratio!).toBeLessThanOrEqual(2);
      expect(r.inBand).toBeGreaterThanOrEqual(MIN_IN_BAND);
    },
  );
});

/** The case with the flagship's template `id` edited, as the anchors would judge that data. */
function withTemplate(file: string, id: string, edit: Record<string, unknown>) {
  const changed = structuredClone(flagship);
  Object.assign(
    changed.templates.find((t) => t.id === id)!,
    edit,
  );
  return loadCase(file, changed);
}

describe('the anchors judge the templates', () => {
  it('template A as it was (a qualification month and the acceptance roll) misses GM/Ventec', () => {
    const c = withTemplate('gm-ventec.yaml', 'assembly_a', { qualificationMonths: 1, partnerDesign: false });
    const first = calibrate(c, 100).find((r) => r.anchor.id === 'first_output')!;
    expect(first.ratio!).toBeGreaterThan(2); // two months after the call, not four weeks
    expect(first.pass).toBe(false);
  });

  it('template D at full rate from its first month misses Unterlüß in 2025 and 2026', () => {
    const c = withTemplate('rheinmetall-unterluess.yaml', 'greenfield_d', { ramp: [1] });
    const r = calibrate(c, 10);
    for (const id of ['y2025', 'y2026'])
      expect(inBand(r.find((x) => x.anchor.id === id)!.ratio!)).toBe(false);
  });

  it('the US slip comes from the machine-tool inject: without it, 40,000 a month comes sooner', () => {
    const c = withTemplate('us-155.yaml', 'brownfield_c', {});
    const slip = calibrate(c, 5).find((r) => r.anchor.id === 'slip')!;
    expect(slip.median).toBeGreaterThan(0);
  });

  it('GM hiring with the ramp: needing the full crew from ramp month 0 misses April', () => {
    const c = loadCase('gm-ventec-hiring.yaml', flagship);
    const scenarioData = structuredClone(c.scenarioData);
    scenarioData.templates.find((t) => t.id === 'hiring_assembly')!.crewFollowsRamp = false;
    const r = calibrate({ ...c, scenarioData }, 20);
    const april = r.find((x) => x.anchor.id === 'april')!;
    expect(april.ratio!).toBeLessThan(0.5); // 320 people of 1,000 needed: a third of the output
    expect(april.pass).toBe(false);
  });

  it('GM built to the HHS order: at capacity it misses February 2021; to orders the idle hall strands its capex', () => {
    const c = loadCase('gm-ventec-order.yaml', flagship);
    const scenarioData = structuredClone(c.scenarioData);
    scenarioData.plants[0]!.lines[0]!.outputMode = 'capacity';
    const atCapacity = calibrate({ ...c, scenarioData }, 10).find((x) => x.anchor.id === 'by_february')!;
    expect(atCapacity.ratio!).toBeGreaterThan(2); // 8,000 a month on after the order is filled
    expect(atCapacity.pass).toBe(false);
    const last = playCase(c, 1).at(-1)!;
    // Template A's €3M + €400 × 8,000 of nameplate, all of it idle once the order is filled.
    expect(last.kpis.gm).toMatchObject({ idleCapacity: 8000, strandedCapex: 3_000_000 + 400 * 8000 });
  });

  it('GM under the DPA: its parts order unrated, the older order takes the scarce kits and GM misses August', () => {
    const c = loadCase('gm-ventec-dpa.yaml', flagship);
    const unrated = structuredClone(c.policy);
    for (const a of unrated.actions)
      if ('command' in a && a.team === 'gm' && a.command.type === 'offerContract')
        a.command.terms = { ...a.command.terms, rating: 'none' };
    const august = calibrate({ ...c, policy: unrated }, 10).find((x) => x.anchor.id === 'by_august')!;
    expect(august.ratio!).toBeLessThan(0.5); // 2,000 kits a month after the others' 8,000
    expect(august.pass).toBe(false);
  });
});
