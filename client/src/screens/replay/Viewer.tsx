import { lazy, Suspense, useMemo, useState } from 'react';
import type { Audience } from '@arsenal/shared';
import type { VerifiedImport } from '@arsenal/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import { PhaseLabel } from '../../ui/PhaseLabel.tsx';
import { Tabs, type TabSpec } from '../../ui/Tabs.tsx';
import { namesFor } from '../../ui/names.ts';
import { AnnotationsPanel, annotationsOf } from './AnnotationsPanel.tsx';
import { ComparePanel } from './ComparePanel.tsx';
import { ForkPanel } from './ForkPanel.tsx';
import { LogPanel } from './LogPanel.tsx';
import { LookaheadPanel } from './LookaheadPanel.tsx';
import type { ServerLink } from './api.ts';
import { MessagesList } from './MessagesList.tsx';
import { ReportPanel } from './ReportPanel.tsx';
import { Scrubber } from './Scrubber.tsx';
import { SituationPanel } from './SituationPanel.tsx';

const HistoryCharts = lazy(() => import('../charts/HistoryCharts.tsx'));

type TabId =
  'situation' | 'charts' | 'messages' | 'log' | 'annotations' | 'fork' | 'compare' | 'lookahead' | 'report';

/**
 * A verified log, scrubbed by month and by entry, played at several speeds, shown as the White cell
 * saw it or exactly as one team saw it (each view is `viewFor` of the replayed state at that entry).
 */
export function Viewer({
  replay,
  text,
  server,
}: {
  replay: VerifiedImport;
  text: string;
  server: ServerLink | null;
}) {
  const { t, fmt } = useI18n();
  const { timeline, scenario, envelope } = replay;
  const [seq, setSeq] = useState(timeline.lastSeq);
  const [audienceKey, setAudienceKey] = useState('facilitator');
  const [tab, setTab] = useState<TabId>('situation');
  const audience = useMemo(() => audienceOf(audienceKey), [audienceKey]);
  const at = Math.min(seq, timeline.lastSeq);
  const view = useMemo(() => timeline.viewAt(at, audience), [timeline, at, audience]);
  const names = namesFor(scenario, view);
  const annotations = useMemo(() => annotationsOf(timeline), [timeline]);

  const tabs: TabSpec<TabId>[] = [
    {
      id: 'situation',
      label: t('replay.tab.situation'),
      render: () => <SituationPanel view={view} scenario={scenario} names={names} />,
    },
    {
      id: 'charts',
      label: t('replay.tab.charts'),
      render: () => (
        <Suspense fallback={<p className="loading">{t('loading')}</p>}>
          <HistoryCharts view={view} scenario={scenario} />
        </Suspense>
      ),
    },
    {
      id: 'messages',
      label: t('replay.tab.messages'),
      badge: view.messages.length,
      render: () => <MessagesList view={view} names={names} />,
    },
    {
      id: 'log',
      label: t('replay.tab.log'),
      render: () => (
        <LogPanel timeline={timeline} audience={audience} seq={at} onSeq={setSeq} names={names} />
      ),
    },
    {
      id: 'annotations',
      label: t('replay.tab.annotations'),
      badge: annotations.length,
      render: () => <AnnotationsPanel timeline={timeline} seq={at} onSeq={setSeq} server={server} />,
    },
    {
      id: 'fork',
      label: t('replay.tab.fork'),
      render: () => <ForkPanel timeline={timeline} server={server} title={envelope.title} />,
    },
    {
      id: 'compare',
      label: t('replay.tab.compare'),
      render: () => <ComparePanel replay={replay} server={server} />,
    },
    {
      id: 'lookahead',
      label: t('replay.tab.lookahead'),
      render: () => <LookaheadPanel timeline={timeline} seq={at} server={server} names={names} />,
    },
    {
      id: 'report',
      label: t('replay.tab.report'),
      render: () => <ReportPanel replay={replay} text={text} />,
    },
  ];

  return (
    <div className="replay" data-seq={at} data-audience={audienceKey}>
      <div className="replay-head">
        <h1>{envelope.title}</h1>
        <p className="muted" data-verified={replay.finalHash}>
          {t('replay.verified', { entries: timeline.lastSeq, hash: replay.finalHash.slice(0, 12) })}{' '}
          {server && (
            <button type="button" onClick={server.reload}>
              {t('replay.refresh')}
            </button>
          )}
        </p>
        <label className="field replay-audience">
          <span>{t('replay.audience')}</span>
          <select name="audience" value={audienceKey} onChange={(e) => setAudienceKey(e.target.value)}>
            <option value="facilitator">{t('replay.audience.facilitator')}</option>
            {scenario.teams.map((team) => (
              <option key={team.id} value={`team:${team.id}`}>
                {t('replay.audience.team', { team: team.name })}
              </option>
            ))}
            <option value="display">{t('replay.audience.display')}</option>
          </select>
        </label>
      </div>
      <Scrubber timeline={timeline} seq={at} onSeq={setSeq} annotations={annotations} />
      <p className="replay-now" role="status" aria-live="polite">
        {t('replay.now', { seq: at, label: fmt.month(view.monthLabel) })} <PhaseLabel view={view} />
      </p>
      <Tabs tabs={tabs} active={tab} onChange={setTab} label={t('replay.tabs')} />
    </div>
  );
}

function audienceOf(key: string): Audience {
  if (key.startsWith('team:')) return { role: 'team', team: key.slice(5) };
  return key === 'display' ? { role: 'display' } : { role: 'facilitator' };
}
