import type { Scenario } from '../schema/scenario.ts';
import { seedState } from '../util/rng.ts';
import type { FrontRuntime, GameState, LineRuntime, PlantRuntime, TeamRuntime } from './state.ts';

/** A team's runtime before anything has happened to it. */
export function blankTeam(id: string, money: number, politicalCapital = 0): TeamRuntime {
  return {
    id,
    money,
    politicalCapital,
    trust: 100,
    stock: {},
    profit: 0,
    received: 0,
    paid: 0,
    capexSubsidy: 0,
    componentsBought: 0,
    componentsExposed: 0,
    unitsDue: 0,
    unitsOnTime: 0,
    idleCapacity: 0,
    strandedCapex: 0,
  };
}

/** The game state at the start of month 1, before any command. */
export function initialGame(scenario: Scenario, seed: number): GameState {
  const teams: Record<string, TeamRuntime> = {};
  for (const t of scenario.teams) {
    const team = blankTeam(t.id, t.money, t.politicalCapital);
    if (t.stock) team.stock = { ...t.stock };
    if (t.abroad) team.abroad = { ...t.abroad.stock };
    teams[t.id] = team;
  }
  const plants: Record<string, PlantRuntime> = {};
  for (const p of scenario.plants) {
    plants[p.id] = {
      id: p.id,
      name: p.name,
      owner: p.owner,
      type: p.type,
      skilled: p.workforce.skilled,
      convertible: p.workforce.convertible,
      trainees: [],
      security: p.security,
      unionMood: p.unionMood,
      timesHit: 0,
      lines: p.lines.map((l): LineRuntime => ({
        id: l.id,
        name: l.name,
        state: l.state,
        product: l.product,
        target: null,
        template: l.template ?? null,
        nameplate: l.nameplate,
        rampStep: l.rampStep,
        yield: l.yield,
        crew: l.crew,
        civilRevenue: l.civilRevenue,
        cumUnits: l.cumUnits,
        monthsLeft: 0,
        resumeState: null,
        since: 0,
        expansions: [],
        priority: l.priority,
        shifts: l.shifts,
        overtime: false,
        overtimeMonths: 0,
        restUntil: 0,
        outputMode: l.outputMode,
        stockTarget: l.stockTarget,
        capex: 0,
        lastOutput: 0,
        limitedBy: null,
      })),
    };
  }
  const fronts: Record<string, FrontRuntime> = {};
  for (const f of scenario.fronts) {
    fronts[f.id] = {
      id: f.id,
      ewLevel: f.ewLevel,
      blueForce: f.forces.blue,
      redForce: f.forces.red,
      territory: f.territory.value,
      stock: {},
      casualties: 0,
      lastBlueFires: 0,
      lastRedFires: 0,
      redSurge: 0,
      committed: {},
    };
  }
  return {
    month: 1,
    rng: seedState(seed),
    teams,
    plants,
    contracts: [],
    nextContract: 1,
    componentOrders: [],
    deliveries: [],
    fronts,
    activeInjects: [],
    firedInjects: [],
    embargoes: {},
    outbids: {},
    exportControls: {},
    levers: { ...scenario.levers },
    marketOffers: [],
    ledger: {
      produced: {},
      consumed: {},
      expended: {},
      imported: {},
      scrapped: {},
      ...openingLedger(scenario),
    },
    payments: [],
    history: [],
    news: [],
  };
}

/** The ledger's opening stock at home, summed over teams; nothing when no team has any. */
function openingLedger(scenario: Scenario): { opening?: Record<string, number> } {
  const opening: Record<string, number> = {};
  for (const t of scenario.teams)
    for (const [item, qty] of Object.entries(t.stock ?? {})) opening[item] = (opening[item] ?? 0) + qty;
  return Object.keys(opening).length ? { opening } : {};
}
