import { useMemo } from 'react';
import type { Audience } from '@arsenal/shared';
import { summariseEntry } from '@arsenal/shared';
import type { Timeline } from '@arsenal/shared';
import type { MessageKey } from '../../i18n/en.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Names } from '../../ui/names.ts';

/**
 * The log entries of the month shown, as far as the audience could see them (a team: its own
 * commands, public controls, messages to it, moves on its contracts), each a button to go there.
 */
export function LogPanel({
  timeline,
  audience,
  seq,
  onSeq,
  names,
}: {
  timeline: Timeline;
  audience: Audience;
  seq: number;
  onSeq: (seq: number) => void;
  names: Names;
}) {
  const { t, fmt } = useI18n();
  const visible = useMemo(() => new Set(timeline.visibleSeqs(audience)), [timeline, audience]);
  const month = timeline.monthAt(Math.max(1, seq));
  const inMonth = timeline.log.filter((e) => timeline.monthAt(e.seq) === month);
  const shown = inMonth.filter((e) => visible.has(e.seq));
  const who = (w: string) =>
    ['facilitator', 'observer', 'display', 'system'].includes(w)
      ? t(`replay.who.${w as 'facilitator'}`)
      : names.team(w);
  return (
    <section className="panel" aria-labelledby="rp-log">
      <h2 id="rp-log">{t('replay.log', { month })}</h2>
      {shown.length === 0 && <p className="muted">{t('replay.logNone')}</p>}
      <ol className="replay-log">
        {shown.map((e) => {
          const s = summariseEntry(timeline.scenario, e);
          return (
            <li key={e.seq} aria-current={e.seq === seq ? 'step' : undefined} data-seq={e.seq}>
              <button
                type="button"
                onClick={() => onSeq(e.seq)}
                aria-label={t('replay.goTo', { seq: e.seq })}
              >
                {e.seq}
              </button>{' '}
              <span className="muted">{fmt.time(e.at)}</span> <strong>{who(s.who)}</strong>{' '}
              {t(`replay.cmd.${s.type}` as MessageKey, { detail: s.detail })}
            </li>
          );
        })}
      </ol>
      {inMonth.length > shown.length && (
        <p className="muted">{t('replay.logHidden', { n: inMonth.length - shown.length })}</p>
      )}
    </section>
  );
}
