import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import type { View } from '@arsenal/shared';
import type { Scenario } from '@arsenal/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Exercise } from '../../realtime/useExercise.ts';
import { Notice } from '../../ui/Notice.tsx';
import { Tabs } from '../../ui/Tabs.tsx';
import { namesFor } from '../../ui/names.ts';
import { MessagesPanel } from '../common/MessagesPanel.tsx';
import { useUnread } from '../common/useUnread.ts';
import { ContractsPanel } from './contracts/ContractsPanel.tsx';
import { OrdersPanel } from './orders/OrdersPanel.tsx';
import { ResultsPanel } from './ResultsPanel.tsx';
import { Situation } from './Situation.tsx';
import { Briefing } from './Briefing.tsx';
import { GuidePanel } from './GuidePanel.tsx';
import { ActionsPanel } from './ActionsPanel.tsx';

const HistoryCharts = lazy(() => import('../charts/HistoryCharts.tsx'));

/** Phases in which a team first sees its briefing. */
const BRIEFING_PHASES = new Set(['lobby', 'briefing']);

type Tab = 'briefing' | 'situation' | 'orders' | 'contracts' | 'actions' | 'messages' | 'results' | 'history';

/** A team's console: where it stands, what it orders, whom it deals with, what happened. */
export function TeamConsole({
  ex,
  view,
  scenario,
  team,
}: {
  ex: Exercise;
  view: View;
  scenario: Scenario | null;
  team: string;
}) {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>(
    view.phase === 'planning' ? 'orders' : BRIEFING_PHASES.has(view.phase) ? 'briefing' : 'situation',
  );
  // once the game starts, a console still on the briefing moves on to the situation
  const briefing = BRIEFING_PHASES.has(view.phase);
  useEffect(() => {
    if (!briefing) setTab((current) => (current === 'briefing' ? 'situation' : current));
  }, [briefing]);
  const names = namesFor(scenario, view);
  const guide = scenario?.teams.find((x) => x.id === team)?.guide;
  const adversary = view.teams.find((x) => x.id === team)?.kind === 'adversary';
  const unread = useUnread(ex.exerciseId, ex.seat, team, view.messages, tab === 'messages');
  const awaiting = view.contracts.filter((c) => c.status === 'offered' && c.awaiting === team).length;
  const needsScenario = (render: (s: Scenario) => ReactNode) => () =>
    scenario ? (
      render(scenario)
    ) : (
      <Notice kind="warn">
        {ex.scenario.status === 'loading' ? t('loading') : t('scenario.unavailable')}
      </Notice>
    );
  return (
    <>
      {view.phase === 'finished' && <Notice kind="info">{t('fac.finished')}</Notice>}
      {view.teams.find((x) => x.id === team)?.bot && <Notice kind="warn">{t('team.botPlaying')}</Notice>}
      {guide && guide.length > 0 && (
        <GuidePanel exerciseId={ex.exerciseId} team={team} steps={guide} view={view} />
      )}
      <Tabs<Tab>
        label={t('team.sections')}
        active={tab}
        onChange={setTab}
        tabs={[
          {
            id: 'briefing',
            label: t('tab.briefing'),
            render: () => <Briefing view={view} scenario={scenario} team={team} />,
          },
          {
            id: 'situation',
            label: t('tab.situation'),
            render: () => <Situation view={view} scenario={scenario} team={team} />,
          },
          {
            id: 'orders',
            label: t('tab.orders'),
            render: needsScenario((s) => <OrdersPanel ex={ex} view={view} scenario={s} team={team} />),
          },
          // no contracts with the adversary (the engine refuses them): Red has no inbox
          ...(adversary
            ? []
            : [
                {
                  id: 'contracts' as const,
                  label: t('tab.contracts'),
                  badge: awaiting,
                  render: needsScenario((s) => (
                    <ContractsPanel ex={ex} view={view} scenario={s} team={team} />
                  )),
                },
              ]),
          {
            id: 'actions',
            label: t('tab.actions'),
            render: needsScenario((s) => (
              <ActionsPanel ex={ex} view={view} scenario={s} team={team} names={names} />
            )),
          },
          {
            id: 'messages',
            label: t('tab.messages'),
            badge: unread,
            render: () => <MessagesPanel ex={ex} view={view} me={team} names={names} />,
          },
          {
            id: 'results',
            label: t('tab.results'),
            render: () => <ResultsPanel view={view} scenario={scenario} names={names} />,
          },
          {
            id: 'history',
            label: t('tab.history'),
            render: () => (
              <Suspense fallback={<p className="loading">{t('loading')}</p>}>
                <HistoryCharts view={view} scenario={scenario} />
              </Suspense>
            ),
          },
        ]}
      />
    </>
  );
}
