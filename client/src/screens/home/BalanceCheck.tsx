import { useEffect, useRef, useState } from 'react';
import { MAX_BALANCE_SEEDS, type BalanceBody, type BalanceReport, type BalanceStatus } from '@arsenal/shared';
import { api } from '../../api/http.ts';
import { pollJob } from '../../api/pollJob.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Field } from '../../ui/Field.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { useErrorText } from '../../ui/errors.ts';
import { MiniChart } from '../charts/MiniChart.tsx';

/** The scenario to check: a bundled one by id or an uploaded file's text, and its length in months. */
export type BalanceSource = (
  { scenarioId: string; scenarioText?: never } | { scenarioText: string; scenarioId?: never }
) & { turns: number };

/**
 * "Check this scenario's balance" (README, "Balance report"): the server plays the scenario with bots
 * in every seat over a few seeds, for the baseline and one variant per lever and inject, on its worker
 * threads; the page follows the progress and shows the report: distributions, noise floor, charts of
 * the spread and the ablation table with its dead mechanics.
 */
export function BalanceCheck({ source }: { source: BalanceSource | null }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [seeds, setSeeds] = useState('10');
  const [months, setMonths] = useState('');
  const [run, setRun] = useState<BalanceStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const stop = useRef<() => void>(() => {});
  useEffect(() => () => stop.current(), []);

  const n = Number(seeds);
  const m = months === '' ? (source?.turns ?? 1) : Number(months);
  const seedsOk = Number.isInteger(n) && n >= 2 && n <= MAX_BALANCE_SEEDS;
  const monthsOk = Number.isInteger(m) && m >= 1 && m <= (source?.turns ?? 1);

  const begin = async () => {
    if (!source || !seedsOk || !monthsOk) return;
    stop.current();
    setError(null);
    setRun(null);
    const { turns: _turns, ...scenario } = source;
    const body: BalanceBody = { ...scenario, seeds: n, turns: m };
    const r = await api.startBalance(body);
    if (!r.ok) return setError(errorText(r));
    setRun(r);
    stop.current = pollJob(
      () => api.balance(r.job),
      (s) => {
        if (!s.ok) {
          setError(errorText(s));
          return false;
        }
        setRun(s);
        return s.status === 'running';
      },
    );
  };

  const cancel = async () => {
    if (!run) return;
    stop.current();
    const r = await api.cancelBalance(run.job);
    if (r.ok) setRun(r);
    else setError(errorText(r));
  };

  return (
    <fieldset className="balance-check">
      <legend>{t('balance.title')}</legend>
      <p className="hint">{t('balance.help')}</p>
      <div className="replay-form inline">
        <Field label={t('balance.seeds')} error={seedsOk ? null : `2 – ${MAX_BALANCE_SEEDS}`}>
          {(p) => (
            <input
              {...p}
              name="balanceSeeds"
              inputMode="numeric"
              value={seeds}
              onChange={(e) => setSeeds(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('balance.months')} error={monthsOk ? null : `1 – ${source?.turns ?? 1}`}>
          {(p) => (
            <input
              {...p}
              name="balanceMonths"
              inputMode="numeric"
              placeholder={String(source?.turns ?? '')}
              value={months}
              onChange={(e) => setMonths(e.target.value)}
            />
          )}
        </Field>
        <button
          type="button"
          onClick={() => void begin()}
          disabled={!source || !seedsOk || !monthsOk || run?.status === 'running'}
        >
          {t('balance.run')}
        </button>
        {run?.status === 'running' && (
          <button type="button" onClick={() => void cancel()}>
            {t('balance.cancel')}
          </button>
        )}
      </div>
      {error && <Notice kind="error">{error}</Notice>}
      {run && (
        <div className="balance-run" data-status={run.status}>
          <label className="progress">
            {t('balance.progress')} <progress value={run.done} max={run.total} />{' '}
            <span>{t('balance.games', { done: run.done, total: run.total })}</span>
          </label>
          {run.status === 'failed' && <Notice kind="error">{run.message ?? ''}</Notice>}
          {run.status === 'cancelled' && <Notice kind="warn">{t('balance.cancelled')}</Notice>}
          {run.report && <BalanceView report={run.report} elapsedMs={run.elapsedMs ?? 0} />}
        </div>
      )}
    </fieldset>
  );
}

/** Series of a chart: the figures of one group (`territory`, `output`), each seed's value sorted. */
function spread(report: BalanceReport, group: string) {
  const keys = Object.keys(report.baseline.figures).filter((k) => k.startsWith(`${group}.`));
  const sorted = keys.map((k) => report.baselineRuns.map((r) => r.values[k] ?? 0).sort((a, b) => a - b));
  const data = report.baselineRuns.map((_, i) => ({
    month: i + 1,
    ...Object.fromEntries(keys.map((k, j) => [k, sorted[j]![i]!])),
  }));
  return { data, series: keys.map((k) => ({ key: k, label: k.slice(group.length + 1) })) };
}

function BalanceView({ report, elapsedMs }: { report: BalanceReport; elapsedMs: number }) {
  const { t, fmt } = useI18n();
  const charts = ['territory', 'output', 'unspent']
    .map((g) => ({ group: g, ...spread(report, g) }))
    .filter((c) => c.series.length > 0);
  const dead = report.ablation.filter((a) => a.dead).length;
  return (
    <div className="balance-report" data-seeds={report.seeds.length}>
      <p className="muted">
        {t('balance.summary', {
          seeds: report.seeds.length,
          months: report.turns,
          variants: 1 + report.variants.length,
          seconds: (elapsedMs / 1000).toFixed(1),
        })}
      </p>
      <div className="charts">
        {charts.map((c) => (
          <MiniChart
            key={c.group}
            title={t('balance.chart', { group: c.group })}
            data={c.data}
            series={c.series}
          />
        ))}
      </div>
      <h3>{t('balance.distributions', { variant: report.baseline.id })}</h3>
      <div className="table-wrap">
        <table className="spread balance-figures">
          <thead>
            <tr>
              <th scope="col">{t('balance.figure')}</th>
              {(['p10', 'median', 'p90'] as const).map((k) => (
                <th key={k} scope="col" className="num">
                  {k}
                </th>
              ))}
              <th scope="col" className="num">
                {t('balance.noise')}
              </th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(report.baseline.figures).map(([key, d]) => (
              <tr key={key} data-figure={key}>
                <th scope="row">
                  <code>{key}</code>
                </th>
                {(['p10', 'median', 'p90'] as const).map((k) => (
                  <td key={k} className="num">
                    {fmt.figure(d[k])}
                  </td>
                ))}
                <td className="num">{fmt.figure(report.noise[key]?.noise ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.ablation.length > 0 && (
        <>
          <h3>{t('balance.ablation', { dead, total: report.ablation.length })}</h3>
          <div className="table-wrap">
            <table className="balance-ablation">
              <thead>
                <tr>
                  <th scope="col">{t('balance.variant')}</th>
                  <th scope="col">{t('balance.moved')}</th>
                </tr>
              </thead>
              <tbody>
                {report.ablation.map((a) => (
                  <tr key={a.variant} data-variant={a.variant} data-dead={a.dead}>
                    <th scope="row">
                      <code>{a.variant}</code>
                    </th>
                    <td>
                      {a.dead ? (
                        <strong className="dead">{t('balance.dead')}</strong>
                      ) : (
                        a.moved
                          .slice(0, 6)
                          .map(
                            (mv) =>
                              `${mv.figure} ${mv.delta > 0 ? '+' : ''}${fmt.figure(mv.delta)} (± ${fmt.figure(mv.noise)})`,
                          )
                          .join('; ')
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
