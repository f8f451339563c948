import type { Actor, Command, LogEntry, TimerDefaults, SeatKey } from '../shared.ts';
import type { ExerciseRecord, Snapshot, SnapshotText, TokenRecord } from './store.ts';

/** Rows as both databases return them (snake_case columns), and their records. */

export interface ExerciseRow {
  id: string;
  created_at: number;
  title: string;
  scenario_id: string;
  scenario_json: string;
  scenario_hash: string;
  seed: number;
  bots: string;
  timer: string;
  genesis: string;
  status: 'live' | 'finished';
  last_seq: number;
  last_hash: string;
}

export interface LogRow {
  seq: number;
  at: number;
  actor: string;
  command: string;
  prev_hash: string;
  hash: string;
}

export interface TokenRow {
  id: string;
  exercise_id: string;
  seat: string;
  label: string;
  created_at: number;
  revoked_at: number | null;
}

export const toExercise = (r: ExerciseRow): ExerciseRecord => ({
  id: r.id,
  createdAt: r.created_at,
  title: r.title,
  scenarioId: r.scenario_id,
  scenarioJson: r.scenario_json,
  scenarioHash: r.scenario_hash,
  seed: r.seed,
  bots: JSON.parse(r.bots) as string[],
  timer: JSON.parse(r.timer) as TimerDefaults,
  genesis: r.genesis,
  status: r.status,
  lastSeq: r.last_seq,
  lastHash: r.last_hash,
});

export const toToken = (r: TokenRow): TokenRecord => ({
  id: r.id,
  exerciseId: r.exercise_id,
  seat: r.seat as SeatKey,
  label: r.label,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

export const toEntry = (r: LogRow): LogEntry => ({
  seq: r.seq,
  at: r.at,
  actor: JSON.parse(r.actor) as Actor,
  command: JSON.parse(r.command) as Command,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/** A snapshot as a write carries it (its state as JSON text). */
export const snapshotText = ({ seq, state, stateHash }: Snapshot): SnapshotText => ({
  seq,
  state: JSON.stringify(state),
  stateHash,
});
