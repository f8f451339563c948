// The DOM matchers (toBeInTheDocument, toBeDisabled, toHaveAttribute …) for every test that renders.
import '@testing-library/jest-dom/vitest';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import { viewFor, type Scenario, type View } from '@arsenal/shared';
import type { ExerciseConnection, SendResult } from '../../client/src/realtime/connection.ts';
import { INITIAL } from '../../client/src/realtime/connection.ts';
import type { Exercise } from '../../client/src/realtime/useExercise.ts';
import { I18nProvider, type Lang } from '../../client/src/i18n/i18n.tsx';
import type { Driver } from '../helpers/scenarios.ts';

/** A team's view of the driver's exercise, as the server would send it. */
export const teamView = (d: Driver, team: string): View =>
  viewFor(d.scenario, d.state, { role: 'team', team });

/**
 * An `Exercise` as `useExercise` gives it to screens, with a connection whose `send` is a spy that
 * answers with `answer` (an ack by default).
 */
export function fakeExercise(
  scenario: Scenario,
  view: View,
  answer: SendResult = { ok: true, seq: 99, version: 99 },
  /** The version of `view` the client holds. */
  version = 1,
): Exercise & { send: ReturnType<typeof vi.fn> } {
  const send = vi.fn(async () => answer);
  // the team's order panel tells the server how many orders it has not sent (a count only)
  const connection = { send, reportDrafts: vi.fn() } as unknown as ExerciseConnection;
  return {
    exerciseId: 'x1',
    seat: view.audience.role === 'team' ? `team:${view.audience.team}` : 'facilitator',
    token: 'token-for-tests-000',
    snap: { ...INITIAL, link: 'live', view, version },
    scenario: { status: 'ready', scenario },
    connection,
    send,
  };
}

/** Renders inside the i18n provider, in English unless told. */
export function renderIn(ui: ReactElement, lang: Lang = 'en') {
  return render(<I18nProvider initial={lang}>{ui}</I18nProvider>);
}
