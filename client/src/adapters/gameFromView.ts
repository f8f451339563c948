import { blankTeam } from '@arsenal/shared';
import type { View } from '@arsenal/shared';
import type { FrontRuntime, GameState, PlantRuntime, TeamRuntime } from '@arsenal/shared';

/**
 * The engine's rules run on a `GameState`; a team only has its view. This rebuilds the state as far as
 * the view shows it, which is all that `validateOrders` and the contract rules read for the team's own
 * moves: its money and stock, its plants, the fronts, levers, market offers, supply conditions
 * (embargoes, outbids, export controls) and the effects of active injects. What a team may not see
 * (other teams' stock, their plants' lines) is left blank; the server remains the judge.
 */
export function gameFromView(view: View): GameState {
  const teams: Record<string, TeamRuntime> = {};
  for (const t of view.teams) {
    const own = view.me?.team.id === t.id ? view.me.team : view.all?.teams[t.id];
    teams[t.id] = own ? structuredClone(own) : blankTeam(t.id, t.money ?? 0);
  }
  const plants: Record<string, PlantRuntime> = {};
  for (const p of view.plants) {
    plants[p.id] = p.detail
      ? structuredClone(p.detail)
      : {
          id: p.id,
          name: p.name,
          owner: p.owner,
          type: p.type,
          skilled: 0,
          convertible: 0,
          trainees: [],
          security: 0,
          unionMood: 0.5,
          lines: [],
          timesHit: 0,
        };
  }
  const fronts: Record<string, FrontRuntime> = {};
  for (const f of view.fronts) {
    fronts[f.id] = {
      id: f.id,
      ewLevel: f.ewLevel,
      blueForce: f.blueForce,
      redForce: f.redForce,
      territory: f.territory,
      stock: { ...(f.stock ?? {}) },
      casualties: f.casualties,
      lastBlueFires: f.lastBlueFires,
      lastRedFires: f.lastRedFires,
      redSurge: 0,
      committed: {},
    };
  }
  return {
    month: view.month,
    rng: 0,
    teams,
    plants,
    contracts: view.contracts.map((c) => structuredClone(c)),
    // past the highest id the team can see, so that the list stays in id order (contractIndex)
    nextContract: Math.max(0, ...view.contracts.map((c) => Number(c.id.slice(1)))) + 1,
    componentOrders: view.componentOrders.map((o) => ({ ...o })),
    deliveries: view.deliveries.map((d) => ({ ...d })),
    fronts,
    activeInjects: view.activeInjects.map((a) => structuredClone(a)),
    firedInjects: view.all?.firedInjects ?? view.activeInjects.map((a) => a.inject),
    embargoes: { ...view.supply.embargoes },
    outbids: { ...view.supply.outbids },
    exportControls: { ...view.supply.exportControls },
    levers: {
      priorityRatings: !!view.levers.priorityRatings,
      subsidies: !!view.levers.subsidies,
      multiYear: !!view.levers.multiYear,
      exportControls: !!view.levers.exportControls,
    },
    marketOffers: view.marketOffers.map((m) => ({ ...m })),
    ledger: { produced: {}, consumed: {}, expended: {}, imported: {}, scrapped: {} },
    payments: [],
    history: [],
    news: [],
  };
}
