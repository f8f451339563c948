import { useEffect, useMemo, useState, type ChangeEvent } from 'react';
import { compareKpis } from '@arsenal/shared';
import { verifyExport, type VerifiedImport } from '@arsenal/shared';
import { loadToken } from '../../api/seats.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Field } from '../../ui/Field.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { MiniChart } from '../charts/MiniChart.tsx';
import { api } from '../../api/http.ts';
import { knownForks } from './forks.ts';
import type { ServerLink } from './api.ts';

type Loaded =
  | { status: 'none' }
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; fork: VerifiedImport };

/** How many leading entries two logs share, hash for hash. */
function sharedPrefix(a: VerifiedImport, b: VerifiedImport): number {
  let n = 0;
  while (n < a.entries.length && n < b.entries.length && a.entries[n]!.hash === b.entries[n]!.hash) n++;
  return n;
}

/**
 * The KPIs of this exercise and of one of its forks, side by side: a chart of the chosen indicator
 * over the months, and a table of every indicator at a month. A fork is recognised by its log, whose
 * first entries are this one's, hash for hash.
 */
export function ComparePanel({ replay, server }: { replay: VerifiedImport; server: ServerLink | null }) {
  const { t, fmt } = useI18n();
  const forks = server ? knownForks(server.exerciseId) : [];
  const [forkId, setForkId] = useState(forks[0]?.exerciseId ?? '');
  const [loaded, setLoaded] = useState<Loaded>({ status: 'none' });
  const [seriesKey, setSeriesKey] = useState('');
  const [month, setMonth] = useState(0);

  useEffect(() => {
    if (!forkId) return;
    const token = loadToken(forkId, 'facilitator');
    if (!token) return setLoaded({ status: 'failed', message: 'auth/unauthenticated' });
    let live = true;
    setLoaded({ status: 'loading' });
    void api.exportText(forkId, token).then((r) => {
      if (!live) return;
      if (!r.ok) return setLoaded({ status: 'failed', message: r.code });
      const v = verifyExport(r.text);
      setLoaded(v.ok ? { status: 'ready', fork: v } : { status: 'failed', message: v.message });
    });
    return () => {
      live = false;
    };
  }, [forkId]);

  const openFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    setForkId('');
    const v = verifyExport(await file.text());
    setLoaded(v.ok ? { status: 'ready', fork: v } : { status: 'failed', message: v.message });
  };

  const fork = loaded.status === 'ready' ? loaded.fork : null;
  const related = fork ? sharedPrefix(replay, fork) > 0 || !replay.entries.length : true;
  const series = useMemo(
    () =>
      fork
        ? compareKpis(
            replay.scenario,
            replay.timeline.final.context.game.history,
            fork.timeline.final.context.game.history,
          )
        : [],
    [replay, fork],
  );
  const chosen = series.find((s) => s.key === seriesKey) ?? series[0];
  const months = chosen?.points.map((p) => p.month) ?? [];
  const atMonth = months.includes(month) ? month : (months.at(-1) ?? 0);

  return (
    <section className="panel" aria-labelledby="rp-cmp">
      <h2 id="rp-cmp">{t('replay.compare.title')}</h2>
      <div className="replay-form">
        {forks.length > 0 ? (
          <Field label={t('replay.compare.fork')}>
            {(p) => (
              <select {...p} name="fork" value={forkId} onChange={(e) => setForkId(e.target.value)}>
                <option value="">—</option>
                {forks.map((f) => (
                  <option key={f.exerciseId} value={f.exerciseId}>
                    {f.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : (
          <p className="muted">{t('replay.compare.none')}</p>
        )}
        <Field label={t('replay.compare.file')}>
          {(p) => <input {...p} type="file" accept="application/json,.json" onChange={openFile} />}
        </Field>
      </div>
      {loaded.status === 'loading' && <p role="status">{t('replay.compare.loading')}</p>}
      {loaded.status === 'failed' && <Notice kind="error">{loaded.message}</Notice>}
      {fork && !related && <Notice kind="warn">{t('replay.compare.notFork')}</Notice>}
      {fork && chosen && (
        <div className="replay-compare" data-fork={fork.envelope.exerciseId}>
          <Field label={t('replay.compare.series')}>
            {(p) => (
              <select {...p} name="series" value={chosen.key} onChange={(e) => setSeriesKey(e.target.value)}>
                {series.map((s) => (
                  <option key={s.key} value={s.key}>
                    {s.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <MiniChart
            title={chosen.label}
            data={chosen.points.map((p) => ({
              month: p.month,
              ...(p.original === null ? {} : { original: p.original }),
              ...(p.fork === null ? {} : { fork: p.fork }),
            }))}
            series={[
              { key: 'original', label: t('replay.compare.original') },
              { key: 'fork', label: t('replay.compare.forkLabel') },
            ]}
          />
          <Field label={t('replay.compare.month')}>
            {(p) => (
              <select
                {...p}
                name="compareMonth"
                value={atMonth}
                onChange={(e) => setMonth(Number(e.target.value))}
              >
                {months.map((m) => (
                  <option key={m} value={m}>
                    {t('replay.compare.at', { month: m })}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="table-wrap">
            <table className="compare-table">
              <caption>{t('replay.compare.at', { month: atMonth })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('replay.compare.series')}</th>
                  <th scope="col" className="num">
                    {t('replay.compare.original')}
                  </th>
                  <th scope="col" className="num">
                    {t('replay.compare.forkLabel')}
                  </th>
                  <th scope="col" className="num">
                    {t('replay.compare.delta')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {series.map((s) => {
                  const p = s.points.find((x) => x.month === atMonth);
                  const a = p?.original ?? null;
                  const b = p?.fork ?? null;
                  // ratios and shares are small: 0.62 must not read as 1
                  const show = (v: number | null) => (v === null ? '—' : fmt.figure(v));
                  return (
                    <tr key={s.key} data-series={s.key}>
                      <th scope="row">
                        {s.label}
                        {s.unit ? <span className="muted"> ({s.unit})</span> : null}
                      </th>
                      <td className="num">{show(a)}</td>
                      <td className="num">{show(b)}</td>
                      <td className="num">{a === null || b === null ? '—' : show(b - a)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
