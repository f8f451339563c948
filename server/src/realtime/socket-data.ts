import type { SeatKey } from '../shared.ts';

/** What the server keeps on each socket once its handshake is accepted (read by the cluster's forwarding too). */
export interface SocketData {
  exerciseId: string;
  tokenId: string;
  seat: SeatKey;
}
