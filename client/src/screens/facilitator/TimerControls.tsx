import { useState } from 'react';
import type { View } from '@arsenal/shared';
import {
  TIMER_DEFAULTS,
  TIMER_MINUTES_MAX,
  TIMER_SET_MINUTES_MIN,
  type TimerDefaults,
} from '@arsenal/shared/protocol';
import { serverNow } from '../../api/serverClock.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCommand } from '../../realtime/useCommand.ts';
import type { Exercise } from '../../realtime/useExercise.ts';
import { Countdown } from '../../ui/Countdown.tsx';
import { Field } from '../../ui/Field.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { useErrorText } from '../../ui/errors.ts';

/** The planning timer: set it, extend it, pause and resume it, or clear it. */
export function TimerControls({
  ex,
  view,
  timer,
}: {
  ex: Exercise;
  view: View;
  timer: TimerDefaults | null;
}) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const cmd = useCommand(ex.connection);
  const [minutes, setMinutes] = useState(String((timer ?? TIMER_DEFAULTS).planningMinutes));
  const extend = (timer ?? TIMER_DEFAULTS).extendMinutes;
  const d = view.deadline;
  const running = d.at !== null;
  const paused = d.pausedRemaining !== null;
  const n = Number(minutes);
  const valid = Number.isFinite(n) && n >= TIMER_SET_MINUTES_MIN && n <= TIMER_MINUTES_MAX;

  return (
    <section className="panel timer-controls" aria-labelledby="timer-title">
      <h2 id="timer-title">
        {t('fac.timer')} <Countdown deadline={d} className="inline" />
      </h2>
      <div className="row wrap end">
        <Field
          label={t('fac.minutes')}
          error={valid ? null : t('form.range', { min: TIMER_SET_MINUTES_MIN, max: TIMER_MINUTES_MAX })}
          className="short"
        >
          {(p) => (
            <input
              {...p}
              type="number"
              min={TIMER_SET_MINUTES_MIN}
              step={TIMER_SET_MINUTES_MIN}
              max={TIMER_MINUTES_MAX}
              value={minutes}
              onChange={(e) => setMinutes(e.target.value)}
            />
          )}
        </Field>
        <button
          type="button"
          disabled={cmd.pending || !valid}
          onClick={() => void cmd.run({ type: 'setDeadline', at: Math.round(serverNow() + n * 60_000) })}
        >
          {t('fac.setTimer')}
        </button>
        <button
          type="button"
          disabled={cmd.pending || (!running && !paused)}
          onClick={() => void cmd.run({ type: 'extendDeadline', ms: extend * 60_000 })}
        >
          {t('fac.extend', { n: extend })}
        </button>
        {paused ? (
          <button type="button" disabled={cmd.pending} onClick={() => void cmd.run({ type: 'resumeTimer' })}>
            {t('fac.resumeTimer')}
          </button>
        ) : (
          <button
            type="button"
            disabled={cmd.pending || !running}
            onClick={() => void cmd.run({ type: 'pauseTimer' })}
          >
            {t('fac.pauseTimer')}
          </button>
        )}
        <button
          type="button"
          disabled={cmd.pending || (!running && !paused)}
          onClick={() => void cmd.run({ type: 'setDeadline', at: null })}
        >
          {t('fac.clearTimer')}
        </button>
      </div>
      {cmd.error && <Notice kind="error">{errorText(cmd.error)}</Notice>}
    </section>
  );
}
