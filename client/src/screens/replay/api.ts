import {
  REPLAY_API,
  type ForkBody,
  type ForkCreated,
  type Imported,
  type ImportRefusal,
  type LookaheadBody,
  type LookaheadStatus,
} from '@arsenal/shared';
import { call, post } from '../../api/http.ts';
import type { ExerciseConnection } from '../../realtime/connection.ts';

/** The replay routes of the HTTP API, through the client's one fetch wrapper (api/http.ts). */
export const replayApi = {
  fork: (exerciseId: string, token: string, body: ForkBody) =>
    call<ForkCreated>(REPLAY_API.fork(exerciseId), post(body, token)),
  startLookahead: (exerciseId: string, token: string, body: LookaheadBody) =>
    call<LookaheadStatus>(REPLAY_API.lookahead(exerciseId), post(body, token)),
  lookahead: (exerciseId: string, token: string, job: string) =>
    call<LookaheadStatus>(REPLAY_API.lookahead(exerciseId, job), { token }),
  importFile: (text: string) =>
    call<Imported, ImportRefusal>(REPLAY_API.import, { method: 'POST', body: text }),
};

/** What the viewer can do with the server when the replay was opened from it (facilitator). */
export interface ServerLink {
  exerciseId: string;
  token: string;
  connection: ExerciseConnection | null;
  /** Fetches and verifies the log again (after an annotation, or as the exercise goes on). */
  reload: () => void;
}
