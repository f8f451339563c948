import {
  applyCommand,
  buildExport,
  createExercise,
  hashState,
  type Actor,
  type Command,
  type LoggedCommand,
} from '@arsenal/shared';
import type { FacilitatorExport } from '@arsenal/shared/protocol';
import { bundled, facilitator, teamActor } from './scenarios.ts';

/**
 * A long, valid export file of the tutorial: its teams and the White Cell write messages of
 * `textLength` characters until the file holds about `chars` characters, a month adjudicated and
 * published every `perMonth` messages. Within every documented import limit (MAX_EXPORT_CHARS,
 * MAX_EXPORT_ENTRIES): what a long, talkative exercise exports. The same file for the same arguments.
 */
export function longLogExport(
  chars: number,
  { textLength = 400, perMonth = 5_000 } = {},
): { file: FacilitatorExport; text: string; entries: number; stateHash: string } {
  const scenario = bundled('tutorial');
  const setup = { seed: 3, bots: [] };
  let state = createExercise(scenario, setup);
  const log: LoggedCommand[] = [];
  const apply = (actor: Actor, command: Command) => {
    const entry = { seq: log.length + 1, at: 1_700_000_000_000 + log.length * 1000, actor, command };
    // the server's import re-checks every rule; here the file is only built
    const r = applyCommand(scenario, state, entry, { trusted: true });
    if (!r.ok) throw new Error(`${command.type} rejected: ${r.code} ${r.message}`);
    state = r.state;
    log.push(entry);
  };
  apply(facilitator, { type: 'startPlanning' });
  const teams = scenario.teams.map((t) => t.id);
  const body = 'x'.repeat(textLength);
  // an entry's JSON in the file: its text, two hashes, seq, stamp, actor and command
  const count = Math.ceil(chars / (textLength + 280));
  for (let i = 0; i < count; i++) {
    const from = i % (teams.length + 1);
    const actor = from === teams.length ? facilitator : teamActor(teams[from]!);
    const to = teams[(i + 1) % teams.length]!;
    const target = actor.role === 'team' && actor.team === to ? 'facilitator' : to;
    apply(actor, { type: 'message', to: target, text: `${i} ${body}` });
    if ((i + 1) % perMonth === 0 && state.phase === 'planning') {
      apply(facilitator, { type: 'adjudicate' });
      apply(facilitator, { type: 'publish' });
    }
  }
  const stateHash = hashState(state);
  const file = buildExport(scenario, setup, log, { exerciseId: 'long', stateHash });
  return { file, text: JSON.stringify(file), entries: log.length, stateHash };
}
