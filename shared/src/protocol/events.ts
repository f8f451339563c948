import { z } from 'zod';
import { commandSchema, MAX_ORDERS } from '../schema/commands.ts';
import type { ErrorCode } from '../schema/codes.ts';
import type { View } from '../views/views.ts';
import type { Message } from '../exercise/types.ts';
import type { PatchOp } from './patch.ts';
import { seatKeySchema, type Seat, type SeatKey } from './seats.ts';
import type { TimerDefaults } from './http.ts';

/** Messages per page (`LIMITS.messagePage`). */
const LIMITS_PAGE = 100;
/** Unsent orders a device may report: a set's orders removed, and as many added. */
const LIMITS_DRAFTS = 2 * MAX_ORDERS;

/**
 * The socket contract, used by `new Server<ClientToServerEvents, ServerToClientEvents>` and by
 * `io() as Socket<ServerToClientEvents, ClientToServerEvents>`. Every client→server event takes one
 * payload object and an acknowledgement callback; the server parses the payload with the schema below
 * and always answers with an `Ack`.
 */

/** An error that may cross the wire: a stable code, a message safe for the asking seat, where it applies. */
export interface AckError {
  ok: false;
  code: ErrorCode;
  message: string;
  path?: string;
}
export type Ack<T extends object = object> = ({ ok: true } & T) | AckError;

/** Client-made command ids: letters, digits, `-` and `_` (the server's own ids contain `:`). */
export const commandId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id of 1–64 letters, digits, "-" or "_"');

export const commandPayload = z.strictObject({
  /** Client-made, unique per seat token: a retry with the same id gets the same ack and stores nothing. */
  id: commandId,
  /** The `version` of the view the command was decided on; older than the seat's current view → conflict. */
  expectedVersion: z.number().int().min(0),
  command: commandSchema,
});
export type CommandPayload = z.input<typeof commandPayload>;
export type CommandAck = Ack<{ seq: number; version: number }>;

export const syncPayload = z.strictObject({});
export type SyncPayload = z.input<typeof syncPayload>;

/** One token holder as the facilitator sees it. */
export interface PresenceEntry {
  tokenId: string;
  seat: SeatKey;
  /** The name given when joining, if any. */
  label: string;
  joinedAt: number;
  /** Sockets open with this token now. */
  connections: number;
}

export interface SyncResult {
  exerciseId: string;
  seat: Seat;
  /** The view's version: the `seq` of the last command that changed it. */
  version: number;
  /** The exercise's last `seq`. */
  seq: number;
  view: View;
  /** Facilitator only. */
  presence?: PresenceEntry[];
  /** Facilitator only. */
  timer?: TimerDefaults;
  /** Facilitator only: unsent draft orders per team. */
  drafts?: DraftCounts;
}
export type SyncAck = Ack<SyncResult>;

/** A page of older messages: those the seat may read numbered below `before` (a message's `seq`). */
export const messagesPayload = z.strictObject({
  before: z.number().int().min(0),
  limit: z.number().int().min(1).max(LIMITS_PAGE).optional(),
});
export type MessagesPayload = z.input<typeof messagesPayload>;
/** `older`: how many messages the seat may read precede this page. */
export type MessagesAck = Ack<{ messages: Message[]; older: number }>;

export const revokePayload = z.union([
  z.strictObject({ tokenId: z.string().min(1).max(40) }),
  z.strictObject({ seat: seatKeySchema }),
]);
export type RevokePayload = z.input<typeof revokePayload>;
export type RevokeAck = Ack<{ revoked: number }>;

export const rotateCodePayload = z.strictObject({ seat: seatKeySchema });
export type RotateCodePayload = z.input<typeof rotateCodePayload>;
export type RotateCodeAck = Ack<{ seat: SeatKey; code: string }>;

/** Facilitator: another seat's current view (a team, the observer or the room display), as that seat gets it. */
export const viewAsPayload = z.strictObject({ seat: seatKeySchema });
export type ViewAsPayload = z.input<typeof viewAsPayload>;
export type ViewAsAck = Ack<{ seat: SeatKey; version: number; view: View }>;

/**
 * A team seat: how many orders this device has changed and not sent this month (the count only, never
 * the orders). Kept in memory for the facilitator, never logged and never shown to another team.
 */
export const draftPayload = z.strictObject({ count: z.number().int().min(0).max(LIMITS_DRAFTS) });
export type DraftPayload = z.input<typeof draftPayload>;
export type DraftAck = Ack;

/**
 * Facilitator only: the unsent draft orders of each team's devices in `month` (the most any one device
 * of the team holds; teams with none are left out). `adjudicated`: the same counts as they stood when
 * `month` was adjudicated (by the White Cell or the deadline), once it was; kept in the server's memory
 * only, so absent after a restart.
 */
export interface DraftCounts {
  month: number;
  teams: Record<string, number>;
  adjudicated?: Record<string, number>;
}

/** A view change for one audience: apply `ops` to the view at `base` to get the view at `version`. */
export interface ViewUpdate {
  base: number;
  version: number;
  ops: PatchOp[];
}

export interface ClientToServerEvents {
  /** Submit a command for the seat's exercise. */
  command: (payload: CommandPayload, ack: (res: CommandAck) => void) => void;
  /** Full view for the seat (on connect when the connection was not recovered, or after a gap). */
  sync: (payload: SyncPayload, ack: (res: SyncAck) => void) => void;
  /** Older messages than the view carries, a page at a time (the view's own visibility rule). */
  messages: (payload: MessagesPayload, ack: (res: MessagesAck) => void) => void;
  /** Facilitator: revoke one token, or every token of a seat. */
  revoke: (payload: RevokePayload, ack: (res: RevokeAck) => void) => void;
  /** Facilitator: a new join code for a seat; the old one stops working (tokens already issued stay valid). */
  rotateCode: (payload: RotateCodePayload, ack: (res: RotateCodeAck) => void) => void;
  /** Facilitator: "view as" a seat, computed by the same view function as that seat's own updates. */
  viewAs: (payload: ViewAsPayload, ack: (res: ViewAsAck) => void) => void;
  /** A team seat: this device's count of unsent draft orders (volatile, like presence). */
  draft: (payload: DraftPayload, ack: (res: DraftAck) => void) => void;
}

/**
 * A `ViewUpdate` as JSON text (`encodeUpdate` / `decodeUpdate`). The server encodes each audience's
 * update once; socket.io keeps every durable packet for connection-state recovery, and one string is
 * far less for the collector to trace than the update's tree of objects (in one A/B run of the load
 * benchmark, 0.97 → 0.79 ms of server CPU per command).
 */
export type EncodedViewUpdate = string;

export interface ServerToClientEvents {
  /** Durable: the seat's view changed. */
  update: (update: EncodedViewUpdate) => void;
  /** Volatile, facilitator only: who is connected on each seat. */
  presence: (entries: PresenceEntry[]) => void;
  /** Volatile, facilitator only: unsent draft orders per team. */
  drafts: (counts: DraftCounts) => void;
  /** This socket's token was revoked; the server closes the connection next. */
  revoked: (error: AckError) => void;
  /** An event the server could not answer through an ack (unknown event, or no callback given). */
  protocolError: (error: AckError & { event: string }) => void;
}

export const CLIENT_EVENTS = [
  'command',
  'sync',
  'messages',
  'revoke',
  'rotateCode',
  'viewAs',
  'draft',
] as const satisfies readonly (keyof ClientToServerEvents)[];

/** Handshake `auth` object: `io(url, { auth: { token } })`. */
export const handshakeAuth = z.object({ token: z.string().min(16).max(200) });

/** Limits the server enforces, so that clients can check before sending. */
export const LIMITS = {
  /** Largest client→server event, bytes of JSON. */
  maxEventBytes: 64 * 1024,
  /** Sustained events per second per socket, and the burst allowed above it. */
  eventsPerSecond: 20,
  eventBurst: 60,
  /**
   * Messages per page: a view carries the latest page or two (see `ViewOptions`), a `messages` request
   * at most one. A hundred is a long session's worth for one team at the default message budget (30 a
   * minute), and a few hundred messages make a sync of tens of kilobytes, however long the exercise
   * has talked (39,000 messages made an 81 MB sync before views were paged).
   */
  messagePage: LIMITS_PAGE,
} as const;
