import { useEffect, useState } from 'react';
import type { View } from '@arsenal/shared';
import type { Scenario } from '@arsenal/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Exercise } from '../../realtime/useExercise.ts';
import { Tabs } from '../../ui/Tabs.tsx';
import { namesFor } from '../../ui/names.ts';
import { MessagesPanel } from '../common/MessagesPanel.tsx';
import { NewsList } from '../common/NewsList.tsx';
import { ActionsBoard, pendingActions } from './ActionsBoard.tsx';
import { AlertsPanel } from './AlertsPanel.tsx';
import { AnnounceForm } from './AnnounceForm.tsx';
import { ExportButton } from './ExportButton.tsx';
import { FacilitatorLink } from './FacilitatorLink.tsx';
import { Inbox, unanswered } from './Inbox.tsx';
import { InboxToasts } from './InboxToasts.tsx';
import { InjectsPanel } from './InjectsPanel.tsx';
import { useUnread } from '../common/useUnread.ts';
import { NotesPanel } from './NotesPanel.tsx';
import { PhaseControls } from './PhaseControls.tsx';
import { ReviewPanel } from './ReviewPanel.tsx';
import { RunSheet } from './RunSheet.tsx';
import { SeatsPanel } from './SeatsPanel.tsx';
import { TeamsGrid } from './TeamsGrid.tsx';
import { TimerControls } from './TimerControls.tsx';
import { ViewAsPanel } from './ViewAsPanel.tsx';
import { WorldPanel } from './WorldPanel.tsx';

type Tab =
  | 'review'
  | 'viewAs'
  | 'inbox'
  | 'actions'
  | 'runsheet'
  | 'injects'
  | 'messages'
  | 'notes'
  | 'world'
  | 'seats';

/**
 * The facilitator's console (and, read-only, the observer's), laid out as a dashboard: on the first
 * screen the alerts, the phase's main action and the timer; in review the review right below them;
 * then the teams grid, headlines and announcements, and the tabs (review, view as, inbox, actions, run sheet,
 * injects, messages, notes, the world, the seats).
 */
export function FacilitatorConsole({
  ex,
  view,
  scenario,
  readOnly = false,
}: {
  ex: Exercise;
  view: View;
  scenario: Scenario | null;
  readOnly?: boolean;
}) {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>(view.phase === 'review' ? 'review' : readOnly ? 'notes' : 'injects');
  const names = namesFor(scenario, view);
  const timer = ex.snap.timer;
  const me = readOnly ? 'observer' : 'facilitator';
  // the month adjudicated: its review comes to the top, open
  const reviewing = view.phase === 'review';
  useEffect(() => {
    if (reviewing) setTab('review');
  }, [reviewing]);
  const unread = useUnread(ex.exerciseId, ex.seat, 'facilitator', view.messages, tab === 'messages');
  const tabs = [
    {
      id: 'review' as const,
      label: t('tab.review'),
      badge: view.phase === 'review' ? 1 : 0,
      render: () => <ReviewPanel ex={ex} view={view} scenario={scenario} readOnly={readOnly} />,
    },
    ...(readOnly
      ? []
      : [
          {
            id: 'viewAs' as const,
            label: t('tab.viewAs'),
            render: () => <ViewAsPanel ex={ex} scenario={scenario} />,
          },
          {
            id: 'inbox' as const,
            label: t('tab.inbox'),
            badge: unanswered(view.messages),
            render: () => <Inbox ex={ex} view={view} names={names} />,
          },
          {
            id: 'actions' as const,
            label: t('tab.actions'),
            badge: pendingActions(view),
            render: () => <ActionsBoard ex={ex} view={view} scenario={scenario} />,
          },
          {
            id: 'runsheet' as const,
            label: t('tab.runSheet'),
            render: () => <RunSheet ex={ex} view={view} scenario={scenario} />,
          },
        ]),
    {
      id: 'injects' as const,
      label: t('tab.injects'),
      render: () => <InjectsPanel ex={ex} view={view} scenario={scenario} readOnly={readOnly} />,
    },
    {
      id: 'messages' as const,
      label: t('tab.messages'),
      badge: unread,
      render: () => <MessagesPanel ex={ex} view={view} me={me} names={names} readOnly={readOnly} />,
    },
    {
      id: 'notes' as const,
      label: readOnly ? t('tab.insights') : t('tab.notes'),
      render: () => (
        <NotesPanel ex={ex} view={view} scenario={scenario} author={readOnly ? 'observer' : 'facilitator'} />
      ),
    },
    {
      id: 'world' as const,
      label: t('tab.world'),
      render: () => <WorldPanel view={view} scenario={scenario} />,
    },
    ...(readOnly
      ? []
      : [
          {
            id: 'seats' as const,
            label: t('tab.seats'),
            render: () => <SeatsPanel ex={ex} presence={ex.snap.presence} names={names} />,
          },
        ]),
  ];
  const sections = <Tabs<Tab> label={t('fac.sections')} active={tab} onChange={setTab} tabs={tabs} />;
  return (
    <div className="facilitator">
      {!readOnly && <InboxToasts view={view} names={names} onOpen={() => setTab('inbox')} />}
      {!readOnly && (
        <div className="dashboard-top">
          <AlertsPanel
            view={view}
            presence={ex.snap.presence}
            drafts={ex.snap.drafts}
            onInbox={() => setTab('inbox')}
          />
          <PhaseControls ex={ex} view={view} scenario={scenario} timer={timer} />
          <TimerControls ex={ex} view={view} timer={timer} />
        </div>
      )}
      {reviewing && sections}
      <TeamsGrid ex={ex} view={view} presence={ex.snap.presence} readOnly={readOnly} />
      <div className={readOnly ? '' : 'control-row'}>
        <section className="panel" aria-labelledby="fac-news">
          <h2 id="fac-news">{t('fac.headlines')}</h2>
          <NewsList news={view.news.slice(-8)} names={names} />
        </section>
        {!readOnly && <AnnounceForm ex={ex} view={view} />}
      </div>
      {!reviewing && sections}
      {!readOnly && (
        <div className="console-foot">
          <ExportButton ex={ex} />
          <FacilitatorLink ex={ex} />
        </div>
      )}
    </div>
  );
}
