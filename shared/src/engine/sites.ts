import type { Scenario, Site, Template } from '../schema/scenario.ts';
import { say } from './finance.ts';
import type { GameState, LineRuntime, NewsEvent, PlantRuntime } from './state.ts';

/**
 * A line built from nothing by a greenfield template: retooling (being equipped) for `lead` months from
 * the order month, then qualified and ramped by its template like any conversion.
 */
export function newLine(
  id: string,
  name: string,
  tpl: Template,
  product: string,
  nameplate: number,
  lead: number,
  month: number,
): LineRuntime {
  return {
    id,
    name,
    state: 'retooling',
    product: null,
    target: product,
    template: tpl.id,
    nameplate,
    rampStep: 0,
    yield: 1,
    crew: tpl.crewPerMonthlyUnit * nameplate,
    civilRevenue: 0,
    cumUnits: 0,
    monthsLeft: Math.max(1, lead),
    resumeState: null,
    since: month,
    expansions: [],
    priority: 'normal',
    shifts: 1,
    overtime: false,
    overtimeMonths: 0,
    restUntil: 0,
    outputMode: 'capacity',
    stockTarget: 0,
    capex: 0,
    lastOutput: 0,
    limitedBy: null,
  };
}

/** € a plant on `site` costs besides its first line: land, buildings, and recruiting its workforce. */
export const siteCost = (s: Scenario, site: Site) =>
  site.landCost +
  site.buildCost +
  (site.workforce.skilled + site.workforce.convertible) * s.rules.workforce.hireCost;

/** Months before the first line of a plant on `site` is ready: it is equipped while the plant is built. */
export const siteLead = (site: Site, templateLead: number) => Math.max(site.buildMonths, templateLead);

/**
 * The plant a `buildPlant` order starts on `site` in `month`: no workforce until it opens
 * (`site.buildMonths` later), one line being equipped.
 */
export function startPlant(
  site: Site,
  owner: string,
  tpl: Template,
  product: string,
  nameplate: number,
  lead: number,
  month: number,
): PlantRuntime {
  return {
    id: site.id,
    name: site.name,
    owner,
    type: site.type,
    skilled: 0,
    convertible: 0,
    trainees: [],
    security: site.security,
    unionMood: 0.5,
    lines: [newLine('line-1', 'Line 1', tpl, product, nameplate, lead, month)],
    timesHit: 0,
    building: {
      site: site.id,
      opensMonth: month + site.buildMonths,
      skilled: site.workforce.skilled,
      convertible: site.workforce.convertible,
    },
  };
}

/** Plants whose construction ends this month open: their recruited workforce joins. */
export function openPlants(g: GameState, news: NewsEvent[]): void {
  for (const plant of Object.values(g.plants)) {
    const b = plant.building;
    if (!b || b.opensMonth > g.month) continue;
    plant.skilled += b.skilled;
    plant.convertible += b.convertible;
    delete plant.building;
    say(news, g.month, 'capex', { key: 'site.opened', plant: plant.id, skilled: b.skilled }, [plant.owner]);
  }
}
