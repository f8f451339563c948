import { useEffect, useRef, useState, type FormEvent } from 'react';
import { lookaheadTrials } from '@arsenal/shared';
import { summariseTrials, type Spread, type TrialOutcome } from '@arsenal/shared';
import type { Timeline } from '@arsenal/shared';
import { pollJob } from '../../api/pollJob.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Field } from '../../ui/Field.tsx';
import { Notice } from '../../ui/Notice.tsx';
import type { Names } from '../../ui/names.ts';
import { replayApi } from './api.ts';
import type { ServerLink } from './api.ts';

interface Run {
  status: 'running' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number;
  months: number;
  fromSeq: number;
  fromMonth: number;
  elapsedMs?: number;
  summary?: Record<string, Spread>;
  message?: string;
}

/**
 * "What usually happens if nobody changes course": bots play every seat for N months, once per seed,
 * and the spread of key outcomes is shown. From the server (worker threads, from the exercise's current
 * state) when the replay came from it; otherwise in this browser, from the entry shown, a few trials at
 * a time so the page stays responsive. A progress bar follows the trials either way.
 */
export function LookaheadPanel({
  timeline,
  seq,
  server,
  names,
}: {
  timeline: Timeline;
  seq: number;
  server: ServerLink | null;
  names: Names;
}) {
  const { t, fmt } = useI18n();
  const [months, setMonths] = useState('1');
  const [seeds, setSeeds] = useState('50');
  const [run, setRun] = useState<Run | null>(null);
  const cancel = useRef<() => void>(() => {});
  useEffect(() => () => cancel.current(), []);

  const m = Number(months);
  const n = Number(seeds);
  const monthsOk = Number.isInteger(m) && m >= 1 && m <= 36;
  const seedsOk = Number.isInteger(n) && n >= 1 && n <= 5000;

  const start = (e: FormEvent) => {
    e.preventDefault();
    if (!monthsOk || !seedsOk) return;
    cancel.current();
    if (server) runOnServer(server, m, n, setRun, cancel);
    else runHere(timeline, seq, m, n, setRun, cancel);
  };

  const label = (key: string) => {
    const [group, id = ''] = key.split('.');
    const name =
      group === 'territory' || group === 'fireRatio'
        ? names.front(id)
        : group === 'money'
          ? names.team(id)
          : names.item(id);
    return `${name} · ${group}`;
  };
  const value = (key: string, v: number) =>
    key.startsWith('money.') ? fmt.money(v) : key.startsWith('fireRatio.') ? fmt.ratio(v) : fmt.num(v);

  return (
    <section className="panel" aria-labelledby="rp-look">
      <h2 id="rp-look">{t('replay.look.title')}</h2>
      <p>{server ? t('replay.look.help') : t('replay.look.helpLocal')}</p>
      <form onSubmit={start} noValidate className="replay-form inline">
        <Field label={t('replay.look.months')} error={monthsOk ? null : '1 – 36'}>
          {(p) => (
            <input
              {...p}
              name="months"
              inputMode="numeric"
              value={months}
              onChange={(e) => setMonths(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('replay.look.seeds')} error={seedsOk ? null : '1 – 5000'}>
          {(p) => (
            <input
              {...p}
              name="seeds"
              inputMode="numeric"
              value={seeds}
              onChange={(e) => setSeeds(e.target.value)}
            />
          )}
        </Field>
        <button
          type="submit"
          className="primary"
          disabled={run?.status === 'running' || !monthsOk || !seedsOk}
        >
          {t('replay.look.run')}
        </button>
      </form>
      {run && (
        <div className="lookahead" data-status={run.status}>
          <label className="progress">
            {t('replay.look.progress')} <progress value={run.done} max={run.total} />{' '}
            <span>{t('replay.look.running', { done: run.done, total: run.total })}</span>
          </label>
          {run.status === 'failed' && (
            <Notice kind="error">{t('replay.look.failed', { message: run.message ?? '' })}</Notice>
          )}
          {run.summary && (
            <>
              <p className="muted">
                {t('replay.look.from', {
                  month: run.fromMonth,
                  seq: run.fromSeq,
                  months: run.months,
                  total: run.total,
                  seconds: ((run.elapsedMs ?? 0) / 1000).toFixed(1),
                })}
              </p>
              <div className="table-wrap">
                <table className="spread">
                  <thead>
                    <tr>
                      <th scope="col">{t('replay.look.outcome')}</th>
                      {(['min', 'p10', 'median', 'p90', 'max'] as const).map((k) => (
                        <th key={k} scope="col" className="num">
                          {k}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {Object.entries(run.summary).map(([key, s]) => (
                      <tr key={key} data-outcome={key}>
                        <th scope="row">{label(key)}</th>
                        {(['min', 'p10', 'median', 'p90', 'max'] as const).map((k) => (
                          <td key={k} className="num">
                            {value(key, s[k])}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </div>
      )}
    </section>
  );
}

type SetRun = (r: Run) => void;

/** Trials played together in the page (they share the first month's planning). */
const CHUNK = 8;

function runOnServer(
  server: ServerLink,
  months: number,
  seeds: number,
  setRun: SetRun,
  cancel: { current: () => void },
): void {
  let live = true;
  let stop = () => {};
  cancel.current = () => {
    live = false;
    stop();
  };
  const fail = (message: string) =>
    setRun({ status: 'failed', done: 0, total: seeds, months, fromSeq: 0, fromMonth: 0, message });
  void replayApi.startLookahead(server.exerciseId, server.token, { months, seeds }).then((r) => {
    if (!live) return;
    if (!r.ok) return fail(r.message);
    setRun(r);
    stop = pollJob(
      () => replayApi.lookahead(server.exerciseId, server.token, r.job),
      (s) => {
        if (!s.ok) {
          fail(s.message);
          return false;
        }
        setRun(s);
        return s.status === 'running';
      },
    );
  });
}

function runHere(
  timeline: Timeline,
  seq: number,
  months: number,
  seeds: number,
  setRun: SetRun,
  cancel: { current: () => void },
): void {
  const state = timeline.stateAt(seq);
  const base = {
    total: seeds,
    months,
    fromSeq: seq,
    fromMonth: state.context.game.month,
  };
  const trials: TrialOutcome[] = [];
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  cancel.current = () => clearTimeout(timer);
  setRun({ ...base, status: 'running', done: 0 });
  const step = () => {
    const until = performance.now() + 40;
    try {
      while (trials.length < seeds && performance.now() < until) {
        const next = Array.from(
          { length: Math.min(CHUNK, seeds - trials.length) },
          (_, i) => trials.length + i + 1,
        );
        trials.push(...lookaheadTrials(timeline.scenario, state, months, next));
      }
    } catch (err) {
      return setRun({ ...base, status: 'failed', done: trials.length, message: String(err) });
    }
    if (trials.length < seeds) {
      setRun({ ...base, status: 'running', done: trials.length });
      timer = setTimeout(step, 0);
      return;
    }
    setRun({
      ...base,
      status: 'done',
      done: seeds,
      summary: summariseTrials(trials),
      elapsedMs: performance.now() - started,
    });
  };
  timer = setTimeout(step, 0);
}
