import { useEffect, useId, useState } from 'react';
import type { Note } from '@arsenal/shared';
import type { Timeline } from '@arsenal/shared';
import { useI18n } from '../../i18n/i18n.tsx';

const SPEEDS = [1, 4, 16, 64] as const;

/**
 * Moves through the log: by month (to the end of each month), by entry, or playing at a chosen speed.
 * Annotations sit on the timeline as buttons that jump to the entry they are about.
 */
export function Scrubber({
  timeline,
  seq,
  onSeq,
  annotations,
}: {
  timeline: Timeline;
  seq: number;
  onSeq: (seq: number) => void;
  annotations: (Note & { at: number })[];
}) {
  const { t, fmt } = useI18n();
  const id = useId();
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<number>(4);
  const last = timeline.lastSeq;
  const ends = [0, ...timeline.months.flatMap((m) => (m.endSeq === null ? [] : [m.endSeq]))];
  const monthIndex = ends.filter((e) => e <= seq).length - 1;
  const monthText = (i: number) => {
    const m = timeline.months[i - 1];
    return i === 0 || !m
      ? t('replay.monthStart')
      : t('replay.monthValue', { label: fmt.month(m.label), month: i });
  };

  useEffect(() => {
    if (!playing) return;
    if (seq >= last) return setPlaying(false);
    const timer = setTimeout(() => onSeq(seq + 1), 1000 / speed);
    return () => clearTimeout(timer);
  }, [playing, seq, speed, last, onSeq]);

  const go = (to: number) => onSeq(Math.max(0, Math.min(last, to)));
  const nextEnd = ends.find((e) => e > seq) ?? last;
  const prevEnd = [...ends].reverse().find((e) => e < seq) ?? 0;

  return (
    <section className="scrubber" aria-label={t('replay.scrub')}>
      <div className="scrub-row">
        <label htmlFor={`${id}-month`}>{t('replay.month')}</label>
        <input
          id={`${id}-month`}
          name="month"
          type="range"
          min={0}
          max={ends.length - 1}
          step={1}
          value={Math.max(0, monthIndex)}
          aria-valuetext={monthText(Math.max(0, monthIndex))}
          onChange={(e) => go(ends[Number(e.target.value)] ?? 0)}
        />
        <output htmlFor={`${id}-month`}>{monthText(Math.max(0, monthIndex))}</output>
      </div>
      <div className="scrub-row">
        <label htmlFor={`${id}-entry`}>{t('replay.entry')}</label>
        <div className="scrub-track">
          <input
            id={`${id}-entry`}
            name="entry"
            type="range"
            min={0}
            max={last}
            step={1}
            value={seq}
            aria-valuetext={t('replay.entryOf', { seq, last })}
            onChange={(e) => go(Number(e.target.value))}
          />
          {annotations.length > 0 && (
            <ul className="markers" aria-label={t('replay.markers')}>
              {annotations.map((a) => (
                <li key={a.seq} style={{ left: `${last ? (a.at / last) * 100 : 0}%` }}>
                  <button
                    type="button"
                    className="marker"
                    title={a.text}
                    aria-label={`${t('replay.goTo', { seq: a.at })}: ${a.text}`}
                    onClick={() => go(a.at)}
                  />
                </li>
              ))}
            </ul>
          )}
        </div>
        <output htmlFor={`${id}-entry`}>{t('replay.entryOf', { seq, last })}</output>
      </div>
      <div className="scrub-row controls">
        <button type="button" onClick={() => go(0)} disabled={seq === 0}>
          « <span className="visually-hidden">{t('replay.first')}</span>
        </button>
        <button type="button" onClick={() => go(prevEnd)} disabled={seq === 0}>
          {t('replay.prevMonth')}
        </button>
        <button type="button" onClick={() => go(seq - 1)} disabled={seq === 0}>
          {t('replay.prev')}
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => setPlaying((p) => !p)}
          aria-pressed={playing}
        >
          {playing ? t('replay.pause') : t('replay.play')}
        </button>
        <button type="button" onClick={() => go(seq + 1)} disabled={seq >= last}>
          {t('replay.next')}
        </button>
        <button type="button" onClick={() => go(nextEnd)} disabled={seq >= last}>
          {t('replay.nextMonth')}
        </button>
        <button type="button" onClick={() => go(last)} disabled={seq >= last}>
          » <span className="visually-hidden">{t('replay.last')}</span>
        </button>
        <label className="speed">
          {t('replay.speed')}{' '}
          <select name="speed" value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {t('replay.speedValue', { n: s })}
              </option>
            ))}
          </select>
        </label>
      </div>
    </section>
  );
}
