import {
  applyCommand,
  botCommands,
  createExercise,
  type ExerciseState,
  type Scenario,
} from '@arsenal/shared';
import type { CreatedExercise, FacilitatorExport } from '@arsenal/shared/protocol';
import { SeatClient } from './client.ts';
import type { Http } from './http.ts';

/** A whole exercise at the table: the facilitator's socket and one socket per team seat. */
export interface Table {
  created: CreatedExercise;
  scenario: Scenario;
  facilitator: SeatClient;
  teams: Map<string, SeatClient>;
  tokens: Map<string, string>;
  close(): void;
}

export async function seatEveryone(
  http: Http,
  url: string,
  created: CreatedExercise,
  scenario: Scenario,
  /** Where team seat `i` connects (several nodes of a cluster); by default where the facilitator does. */
  teamUrl: (i: number) => string = () => url,
): Promise<Table> {
  const facilitator = await SeatClient.connect(url, created.facilitator.token);
  const teams = new Map<string, SeatClient>();
  const tokens = new Map<string, string>();
  for (const [i, t] of scenario.teams.entries()) {
    const joined = await http.join(created.codes.teams[t.id]!, `player ${t.id}`);
    tokens.set(t.id, joined.token);
    teams.set(t.id, await SeatClient.connect(teamUrl(i), joined.token));
  }
  return {
    created,
    scenario,
    facilitator,
    teams,
    tokens,
    close() {
      facilitator.close();
      for (const c of teams.values()) c.close();
    },
  };
}

/**
 * The true state, rebuilt from the facilitator's export: what the bot policies read. Entries already
 * folded are skipped, so following a long game stays cheap.
 */
export class Mirror {
  state: ExerciseState | null = null;

  constructor(
    private readonly http: Http,
    private readonly table: Table,
  ) {}

  async refresh(): Promise<{ state: ExerciseState; exported: FacilitatorExport }> {
    const url = `/api/exercises/${this.table.created.exerciseId}/export`;
    let res = await this.http.get<FacilitatorExport>(url, this.table.created.facilitator.token);
    // "Try again" (503) while an exercise moves between nodes, as a client would.
    for (let tries = 0; res.status === 503 && tries < 100; tries++) {
      await new Promise((r) => setTimeout(r, 200));
      res = await this.http.get<FacilitatorExport>(url, this.table.created.facilitator.token);
    }
    if (res.status !== 200) throw new Error(`export failed: ${res.text}`);
    const exported = res.body;
    let state = this.state ?? createExercise(this.table.scenario, exported.setup);
    for (const e of exported.entries) {
      if (e.seq <= state.context.seq) continue;
      const r = applyCommand(this.table.scenario, state, e);
      if (!r.ok) throw new Error(`stored entry ${e.seq} does not apply: ${r.code}`);
      state = r.state;
    }
    this.state = state;
    return { state, exported };
  }
}

/**
 * Plays months with the engine's bot policies deciding for every team, each team's commands travelling
 * over that team's own socket, and the facilitator's socket running the phases. With `settle`, a team
 * sends its next command once its view shows the last one (as a person would): across nodes the update
 * comes through Redis after the ack, and a command sent on the older view is refused as a conflict
 * (resent, but each offer sent counts against the seat's message budget).
 */
export async function playMonths(
  http: Http,
  table: Table,
  months: number,
  opts: { settle?: boolean } = {},
): Promise<void> {
  const fac = table.facilitator;
  const mirror = new Mirror(http, table);
  const must = async (p: Promise<{ ok: boolean; code?: string; message?: string }>, what: string) => {
    const ack = await p;
    if (!ack.ok) throw new Error(`${what} refused: ${ack.code} ${ack.message}`);
  };
  for (let played = 0; played < months && fac.view.phase !== 'finished'; played++) {
    if (fac.view.phase === 'lobby') await must(fac.sendFresh({ type: 'startPlanning' }), 'startPlanning');
    await fac.until(() => fac.view.phase === 'planning', 'planning');
    for (const [team, client] of table.teams) {
      const { state } = await mirror.refresh();
      for (const command of botCommands(table.scenario, state, team)) {
        const ack = await client.sendFresh(command);
        if (ack.ok && opts.settle)
          await client.until(() => client.version >= ack.version, `${team} sees its command`);
        // A bot's offer may have been overtaken by another team's move: refused by a rule, like a person's.
        if (!ack.ok && !ack.code.startsWith('contract/') && !ack.code.startsWith('order/'))
          throw new Error(`${team} ${command.type} refused: ${ack.code} ${ack.message}`);
      }
    }
    await must(fac.sendFresh({ type: 'adjudicate' }), 'adjudicate');
    await fac.until(() => fac.view.phase === 'review', 'review');
    await must(fac.sendFresh({ type: 'publish' }), 'publish');
    await fac.until(() => fac.view.phase === 'planning' || fac.view.phase === 'finished', 'next month');
  }
}
