import type { View } from '@arsenal/shared';
import type { DraftCounts, PresenceEntry } from '@arsenal/shared/protocol';
import { useI18n } from '../../i18n/i18n.tsx';
import { Countdown } from '../../ui/Countdown.tsx';
import { useNow } from '../../ui/useNow.ts';
import { unanswered } from './Inbox.tsx';
import { draftList, draftTeams, missingTeams } from './ReviewSummary.tsx';
import { connectionsOf } from './TeamsGrid.tsx';

/** From how long before the deadline it is an alert, when some human team would miss it. */
export const DEADLINE_SOON_MS = 2 * 60_000;

/**
 * What needs the White Cell now, on the first screen: questions not answered yet, human teams with no
 * device connected, human teams that have not sent their orders (in planning), and the deadline (in
 * its last minutes, with the teams it would adjudicate without and those whose drafts would not count).
 */
export function AlertsPanel({
  view,
  presence,
  drafts,
  onInbox,
}: {
  view: View;
  presence: readonly PresenceEntry[];
  drafts: DraftCounts | null;
  onInbox: () => void;
}) {
  const { t } = useI18n();
  const questions = unanswered(view.messages);
  const absent = view.teams.filter((x) => !x.bot && connectionsOf(presence, `team:${x.id}`) === 0);
  const planning = view.phase === 'planning';
  const waiting = planning ? missingTeams(view) : [];
  const drafted = planning ? draftTeams(view, drafts) : [];
  const names = (list: readonly { name: string }[]) => list.map((x) => x.name).join(', ');
  const ids = (list: readonly { id: string }[]) => list.map((x) => x.id).join(' ');
  const now = useNow(1000, planning && view.deadline.at !== null);
  const soon =
    planning &&
    view.deadline.at !== null &&
    view.deadline.at - now <= DEADLINE_SOON_MS &&
    (waiting.length > 0 || drafted.length > 0);
  return (
    <section className="panel alerts" aria-labelledby="alerts-title">
      <h2 id="alerts-title">{t('alerts.title')}</h2>
      <ul>
        <li data-alert="questions" data-count={questions} className={questions ? 'alert-on' : ''}>
          {questions ? (
            <button type="button" className="linkish" onClick={onInbox}>
              {t('alerts.questions', { n: questions })}
            </button>
          ) : (
            t('alerts.noQuestions')
          )}
        </li>
        <li data-alert="absent" data-count={absent.length} className={absent.length ? 'alert-on' : ''}>
          {absent.length ? t('alerts.absent', { teams: names(absent) }) : t('alerts.allConnected')}
        </li>
        {planning && (
          <li data-alert="waiting" data-count={waiting.length} className={waiting.length ? 'alert-on' : ''}>
            {waiting.length ? t('alerts.waiting', { teams: names(waiting) }) : t('alerts.allSent')}
          </li>
        )}
        {planning && (
          <li
            data-alert="drafts"
            data-teams={drafted.map((x) => x.id).join(' ')}
            className={drafted.length ? 'alert-on' : ''}
          >
            {drafted.length ? t('alerts.drafts', { teams: draftList(t, drafted) }) : t('alerts.noDrafts')}
          </li>
        )}
        <li
          data-alert="deadline"
          data-soon={soon}
          {...(soon ? { 'data-missing': ids(waiting), 'data-teams': ids(drafted) } : {})}
          className={soon ? 'alert-on' : ''}
        >
          {t('alerts.deadline')} <Countdown deadline={view.deadline} />
          {soon && waiting.length > 0 && <> {t('alerts.deadlineWithout', { teams: names(waiting) })}</>}
          {soon && drafted.length > 0 && <> {t('alerts.deadlineDrafts', { teams: draftList(t, drafted) })}</>}
        </li>
      </ul>
    </section>
  );
}
