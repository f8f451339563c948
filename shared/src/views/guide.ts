import type { GuideCheck, GuideStep } from '../schema/scenario.ts';
import type { View } from './views.ts';

/**
 * Whether a guided tutorial's step is done, read from the team's own view (what the server holds, not
 * the device's drafts): the hint advances when the server shows the step done.
 */
export function guideStepDone(check: GuideCheck, view: View): boolean {
  const team = view.me?.team.id;
  switch (check.kind) {
    case 'planningStarted':
      return view.phase !== 'lobby' && view.phase !== 'briefing';
    case 'order':
      return (view.me?.orders ?? []).some((o) => o.type === check.type);
    case 'ordersSent':
      return view.teams.some((t) => t.id === team && t.submitted);
    case 'contract':
      return view.contracts.some(
        (c) =>
          (c.buyer === team || c.seller === team) &&
          (c.status === check.status || (check.status === 'offered' && c.status === 'active')),
      );
    case 'published':
      return view.history.length >= check.month;
  }
}

/**
 * The step a player is on: from `reached` (the furthest step already passed, which never goes back:
 * orders are cleared once a month is published, the lesson stays learnt), past every step now done.
 * `steps.length` once the tutorial is complete.
 */
export function guideProgress(steps: readonly GuideStep[], view: View, reached = 0): number {
  let at = Math.min(Math.max(0, reached), steps.length);
  while (at < steps.length && guideStepDone(steps[at]!.done, view)) at++;
  return at;
}
