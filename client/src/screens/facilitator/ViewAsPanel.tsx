import { useEffect, useId, useState } from 'react';
import type { Scenario, View } from '@arsenal/shared';
import type { SeatKey } from '@arsenal/shared/protocol';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Exercise } from '../../realtime/useExercise.ts';
import { Notice } from '../../ui/Notice.tsx';
import { Tabs } from '../../ui/Tabs.tsx';
import { namesFor } from '../../ui/names.ts';
import { RoomDisplay } from '../display/RoomDisplay.tsx';
import { MessagesList } from '../replay/MessagesList.tsx';
import { Briefing } from '../team/Briefing.tsx';
import { ResultsPanel } from '../team/ResultsPanel.tsx';
import { Situation } from '../team/Situation.tsx';

type Seen = { seat: SeatKey; version: number; view: View } | { seat: SeatKey; error: string };

/**
 * Another seat's current view, asked of the server (`viewAs`, the facilitator's alone), which answers
 * with the very view it sends that seat: one view function. Asked again whenever the facilitator's own
 * view moves (the facilitator sees every change), so it stays live.
 */
function useSeatView(ex: Exercise, seat: SeatKey): Seen | null {
  const [seen, setSeen] = useState<Seen | null>(null);
  const version = ex.snap.version;
  const connection = ex.connection;
  useEffect(() => {
    if (!connection) return;
    let live = true;
    void connection.viewAs({ seat }).then((res) => {
      if (!live) return;
      if (!res.ok) return setSeen({ seat, error: res.message });
      if ('view' in res) setSeen({ seat, version: res.version, view: res.view });
    });
    return () => {
      live = false;
    };
  }, [connection, seat, version]);
  return seen;
}

/** "View as": a team's (or the room display's) screen as it is now, read-only, with its own components. */
export function ViewAsPanel({ ex, scenario }: { ex: Exercise; scenario: Scenario | null }) {
  const { t } = useI18n();
  const teams = scenario?.teams ?? [];
  const [seat, setSeat] = useState<SeatKey>(teams[0] ? `team:${teams[0].id}` : 'display');
  const seen = useSeatView(ex, seat);
  const field = useId();
  return (
    <section className="panel view-as" aria-labelledby="view-as-title">
      <h2 id="view-as-title">{t('viewAs.title')}</h2>
      <p className="hint">{t('viewAs.intro')}</p>
      <div className="field">
        <label htmlFor={field}>{t('viewAs.seat')}</label>
        <select id={field} name="view-as" value={seat} onChange={(e) => setSeat(e.target.value as SeatKey)}>
          {teams.map((team) => (
            <option key={team.id} value={`team:${team.id}`}>
              {team.name}
            </option>
          ))}
          <option value="display">{t('viewAs.display')}</option>
        </select>
      </div>
      {!seen || seen.seat !== seat ? (
        <p className="loading" role="status">
          {t('loading')}
        </p>
      ) : 'error' in seen ? (
        <Notice kind="error">{seen.error}</Notice>
      ) : (
        <div className="view-as-screen" data-view-as={seen.seat} data-version={seen.version}>
          <SeatScreen seat={seen.seat} view={seen.view} scenario={scenario} />
        </div>
      )}
    </section>
  );
}

type SeatTab = 'briefing' | 'situation' | 'results' | 'messages';

/** The seat's own screens over its view, with nothing to press (the frame is `inert`). */
function SeatScreen({ seat, view, scenario }: { seat: SeatKey; view: View; scenario: Scenario | null }) {
  const { t } = useI18n();
  const [tab, setTab] = useState<SeatTab>('situation');
  const names = namesFor(scenario, view);
  if (!seat.startsWith('team:'))
    return (
      <div className="view-as-display">
        <RoomDisplay view={view} scenario={scenario} />
      </div>
    );
  const team = seat.slice(5);
  return (
    <Tabs<SeatTab>
      label={t('viewAs.sections')}
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
          id: 'results',
          label: t('tab.results'),
          render: () => <ResultsPanel view={view} scenario={scenario} names={names} />,
        },
        {
          id: 'messages',
          label: t('tab.messages'),
          badge: view.messages.length,
          render: () => <MessagesList view={view} names={names} />,
        },
      ]}
    />
  );
}
