import { decodeUpdate, type CommandAck } from '@arsenal/shared/protocol';
import { nextId, type CommandInput, type SeatClient } from '../../integration/helpers/client.ts';
import { sleep, type TestCluster } from './cluster.ts';

/** Refusals that say "not now": the same command is sent again under the same id. */
const RETRY = new Set(['server/busy', 'server/internal', 'server/unavailable', 'input/rate_limited']);

/** An acknowledgement as the client received it. */
export interface Received {
  id: string;
  seq: number;
  /** `Date.now()` when the ack arrived. */
  at: number;
}

/**
 * What the clients of a test sent and what the cluster answered, for the rule "acknowledged ⊆ stored,
 * once each": every command is sent under one id until it is answered for good (a timeout or a
 * "not now" is retried under the same id, a conflict after a resync), as the app's client does.
 */
export class Ledger {
  /** Command id → the seq its ack named. */
  readonly acked = new Map<string, number>();
  /** Every ok ack in order of arrival (retries of one id included). */
  readonly received: Received[] = [];
  /** Command id → the final refusal's code. */
  readonly refused = new Map<string, string>();
  /** Every id sent by this ledger. */
  readonly ids = new Set<string>();
  /** Commands sent and not yet answered for good. */
  inFlight = 0;
  /** Every answer that was not final (`Date.now()`, id, code or `timeout`): what to read when a test fails. */
  readonly retries: string[] = [];
  /** Called once each command is first on the wire (the failover test kills the owner from here). */
  onSent: ((command: CommandInput) => void) | null = null;

  constructor(private readonly opts: { timeoutMs: number } = { timeoutMs: 8000 }) {}

  async sure(client: SeatClient, command: CommandInput, tag = 'l'): Promise<CommandAck> {
    const id = nextId(tag);
    this.ids.add(id);
    this.inFlight++;
    try {
      for (let attempt = 0; attempt < 400; attempt++) {
        const sending = client.send(command, {
          id,
          expectedVersion: client.version,
          timeoutMs: this.opts.timeoutMs,
        });
        if (attempt === 0) this.onSent?.(command);
        let ack: CommandAck;
        try {
          ack = await sending;
        } catch {
          this.retries.push(`${Date.now()} ${id} timeout`);
          continue; // no answer in time (the node died with it, or is slow): the same id again
        }
        if (ack.ok) {
          this.acked.set(id, ack.seq);
          this.received.push({ id, seq: ack.seq, at: Date.now() });
          return ack;
        }
        if (RETRY.has(ack.code) || ack.code === 'session/conflict')
          this.retries.push(`${Date.now()} ${id} ${ack.code}`);
        if (RETRY.has(ack.code)) {
          await sleep(ack.code === 'input/rate_limited' ? 2000 : 200);
          continue;
        }
        if (ack.code === 'session/conflict') {
          await client.resync().catch(() => undefined);
          continue;
        }
        this.refused.set(id, ack.code);
        return ack;
      }
      throw new Error(`${command.type} (${id}) never answered`);
    } finally {
      this.inFlight--;
    }
  }

  /**
   * The stored log against the ledger: every acknowledged command stored exactly once, at the seq its
   * ack named; no command id stored twice; and nothing this ledger sent is stored without its ack
   * (each command was retried until answered for good, so one stored before an ack was lost was
   * answered by its retry). Returns the log's rows.
   */
  async problems(
    cluster: TestCluster,
    exerciseId: string,
  ): Promise<{ problems: string[]; rows: { sender: string; client_id: string; seq: number; at: string }[] }> {
    const rows = await cluster.query<{ sender: string; client_id: string; seq: number; at: string }>(
      'SELECT sender, client_id, seq, at FROM log WHERE exercise_id = $1 ORDER BY seq',
      [exerciseId],
    );
    const problems: string[] = [];
    const byId = new Map<string, number[]>();
    const keys = new Set<string>();
    for (const r of rows) {
      const key = `${r.sender}\n${r.client_id}`;
      if (keys.has(key)) problems.push(`${r.sender} ${r.client_id} stored twice`);
      keys.add(key);
      if (this.ids.has(r.client_id)) byId.set(r.client_id, [...(byId.get(r.client_id) ?? []), r.seq]);
    }
    for (const [id, seq] of this.acked) {
      const stored = byId.get(id) ?? [];
      if (stored.length !== 1 || stored[0] !== seq)
        problems.push(`${id} acked at ${seq}, stored at [${stored.join(', ')}]`);
    }
    for (const id of byId.keys())
      if (!this.acked.has(id)) problems.push(`${id} stored, answered ${this.refused.get(id) ?? 'never'}`);
    return { problems, rows };
  }
}

/**
 * Records every view version a client is given (an update, or a sync's answer) that is lower than one
 * it was given before.
 */
export function watchVersions(client: SeatClient, backwards: string[], who: string): void {
  let highest = 0;
  const saw = (version: number, how: string) => {
    if (version < highest) backwards.push(`${who}: ${how} ${version} after ${highest}`);
    highest = Math.max(highest, version);
  };
  client.socket.on('update', (text) => {
    const u = decodeUpdate(text);
    if (u) saw(u.version, 'update');
  });
  // a sync's answer is the only ack that carries a view (a command's ack names a version, and a
  // retry's stored ack names the version of its time)
  client.socket.io.on('packet', (packet: { type: number; data?: unknown[] }) => {
    const res =
      packet.type === 3 ? (packet.data?.[0] as { ok?: boolean; version?: number; view?: unknown }) : null;
    if (res?.ok && res.view !== undefined && typeof res.version === 'number') saw(res.version, 'sync');
  });
}
