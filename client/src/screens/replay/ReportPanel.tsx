import { useMemo, useRef } from 'react';
import { reportHtml } from '@arsenal/shared';
import { buildReport, reportCsv } from '@arsenal/shared';
import type { VerifiedImport } from '@arsenal/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import { download } from '../../ui/download.ts';

/**
 * The after-action report, computed here from the verified log (the same fold as the server's
 * report routes): printable HTML in a frame, plus the KPIs per month as CSV and the log as JSON.
 */
export function ReportPanel({ replay, text }: { replay: VerifiedImport; text: string }) {
  const { t } = useI18n();
  const frame = useRef<HTMLIFrameElement>(null);
  const { scenario, setup, entries, envelope } = replay;
  const report = useMemo(() => buildReport(scenario, setup, entries), [scenario, setup, entries]);
  const html = useMemo(() => reportHtml(scenario, report), [scenario, report]);
  const name = `arsenal-${envelope.exerciseId}`;
  return (
    <section className="panel replay-report" aria-labelledby="rp-report">
      <h2 id="rp-report">{t('replay.report.title')}</h2>
      <p className="actions">
        <button type="button" className="primary" onClick={() => frame.current?.contentWindow?.print()}>
          {t('replay.report.print')}
        </button>{' '}
        <button type="button" onClick={() => download(`${name}-report.html`, html, 'text/html')}>
          {t('replay.report.html')}
        </button>{' '}
        <button
          type="button"
          onClick={() => download(`${name}-kpis.csv`, reportCsv(scenario, report), 'text/csv')}
        >
          {t('replay.report.csv')}
        </button>{' '}
        <button type="button" onClick={() => download(`${name}-log.json`, text, 'application/json')}>
          {t('replay.report.json')}
        </button>
      </p>
      <iframe
        ref={frame}
        className="report-frame"
        title={t('replay.report.frame')}
        sandbox="allow-same-origin allow-modals"
        srcDoc={html}
      />
    </section>
  );
}
