import { useEffect, useState } from 'react';
import { guideProgress, type GuideStep, type View } from '@arsenal/shared';
import { useI18n } from '../../i18n/i18n.tsx';

const key = (exerciseId: string, team: string) => `arsenal:guide:${exerciseId}:${team}`;

function stored(exerciseId: string, team: string): number {
  const n = Number(window.localStorage.getItem(key(exerciseId, team)) ?? 0);
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

/**
 * The guided tutorial (the scenario's `guide` for this team): one hint at a time, which advances when
 * the team's view, as the server sent it, shows the step done (`guideProgress`). How far the player
 * got is kept on the device, so the hint never goes back (orders are cleared once a month is
 * published).
 */
export function GuidePanel({
  exerciseId,
  team,
  steps,
  view,
}: {
  exerciseId: string;
  team: string;
  steps: readonly GuideStep[];
  view: View;
}) {
  const { t, text } = useI18n();
  const [reached, setReached] = useState(() => stored(exerciseId, team));
  const at = guideProgress(steps, view, reached);
  useEffect(() => {
    if (at === reached) return;
    setReached(at);
    window.localStorage.setItem(key(exerciseId, team), String(at));
  }, [at, reached, exerciseId, team]);
  const step = steps[at];
  return (
    <aside className="guide" aria-labelledby="guide-title" data-step={step?.id ?? 'done'}>
      <h2 id="guide-title">
        {t('guide.title')}{' '}
        <span className="muted">
          {t('guide.progress', { n: Math.min(at + 1, steps.length), of: steps.length })}
        </span>
      </h2>
      <p role="status" aria-live="polite" data-hint>
        {step ? text(step.hint) : t('guide.done')}
      </p>
      <ol className="guide-steps">
        {steps.map((s, i) => (
          <li key={s.id} data-guide-step={s.id} data-done={i < at}>
            {i < at ? '✓ ' : ''}
            {text(s.hint).split('. ')[0]}
          </li>
        ))}
      </ol>
    </aside>
  );
}
