import type { View } from '@arsenal/shared';
import type { Scenario } from '@arsenal/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import { Countdown } from '../../ui/Countdown.tsx';
import { PhaseLabel } from '../../ui/PhaseLabel.tsx';
import { namesFor } from '../../ui/names.ts';
import { NewsList } from '../common/NewsList.tsx';
import { announcementsNow } from '@arsenal/shared';
import { groundSinceStart, SupplyOutcome } from './FinalOutcome.tsx';
import { ProductionBars } from './ProductionBars.tsx';
import { PageLabel } from './PageLabel.tsx';
import { usePages } from './usePages.ts';

/**
 * The projector: readable from five metres, public facts only (the display seat's view holds no
 * team's secrets): month, phase and clock; announcements (this month's and pinned ones) and
 * headlines; production against what the fronts need; the fronts; who has submitted. Once the
 * exercise has finished, the outcome: supply against demand over the exercise, ground won or lost.
 */
export function RoomDisplay({ view, scenario }: { view: View; scenario: Scenario | null }) {
  const { t, fmt, text } = useI18n();
  const names = namesFor(scenario, view);
  const last = view.history[view.history.length - 1];
  const prev = view.history[view.history.length - 2];
  const finished = view.phase === 'finished';
  // a projector shows what fits; longer lists page through by themselves
  const announcements = usePages(announcementsNow(view.notes, view.month), 2);
  const headlines = usePages(
    view.news.filter((n) => n.kind !== 'order_skipped'),
    4,
  );
  const teams = usePages(view.teams, 6);
  const fronts = usePages(view.fronts, 2);
  return (
    <div className="display-grid">
      <section className="display-clock" aria-label={t('disp.clock')}>
        <p className="display-title">{text(view.scenario.title)}</p>
        <p className="display-month" data-month={view.month}>
          {fmt.month(view.monthLabel)}
        </p>
        <p className="display-phase">
          {t('month.of', { month: Math.min(view.month, view.scenario.turns), turns: view.scenario.turns })} ·{' '}
          <PhaseLabel view={view} />
        </p>
        {finished ? (
          <p className="display-over">{t('disp.over')}</p>
        ) : (
          <Countdown deadline={view.deadline} className="display-countdown" />
        )}
      </section>

      {finished ? (
        <SupplyOutcome view={view} name={names.item} />
      ) : (
        <section className="display-teams" aria-labelledby="disp-teams">
          <h2 id="disp-teams">
            {t('disp.submitted')} <PageLabel label={teams.label} />
          </h2>
          <ul>
            {teams.shown.map((team) => (
              <li key={team.id} className={team.submitted ? 'done' : ''} data-submitted={team.submitted}>
                <span aria-hidden="true">{team.submitted ? '✓' : '…'}</span> {team.name}
                <span className="visually-hidden">{team.submitted ? t('grid.yes') : t('grid.waiting')}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="display-news" aria-labelledby="disp-news">
        <h2 id="disp-news">
          {t('disp.headlines')} <PageLabel label={headlines.label} />
        </h2>
        {announcements.shown.map((a) => (
          <p key={a.seq} className="announcement" data-seq={a.seq} data-pinned={a.pinned === true}>
            {a.text}
          </p>
        ))}
        {!finished &&
          view.activeInjects.map((a) => (
            <p key={a.inject} className="inject-banner">
              {text(a.title)}
            </p>
          ))}
        <NewsList news={headlines.shown} names={names} big />
      </section>

      <section className="display-production" aria-labelledby="disp-prod">
        <h2 id="disp-prod">
          {last ? t('disp.production', { month: last.month }) : t('disp.productionNone')}
        </h2>
        {last && <ProductionBars month={last} name={names.item} />}
      </section>

      <section className="display-fronts" aria-labelledby="disp-fronts">
        <h2 id="disp-fronts">
          {t('sit.fronts')} <PageLabel label={fronts.label} />
        </h2>
        <ul>
          {fronts.shown.map((f) => {
            // finished: ground won or lost over the exercise; otherwise over the last month
            const moved = finished
              ? (groundSinceStart(view, scenario, f.id) ?? 0)
              : last && prev
                ? (last.territory[f.id] ?? 0) - (prev.territory[f.id] ?? 0)
                : 0;
            return (
              <li key={f.id} data-front={f.id} data-moved={moved}>
                <strong>{f.name}</strong>
                <span className="big-num" title={t('front.territory')}>
                  {f.territory > 0 ? `+${f.territory}` : f.territory}
                  {moved !== 0 && (
                    <small className={moved > 0 ? 'up' : 'down'}>
                      {' '}
                      ({moved > 0 ? `▲ +${moved}` : `▼ ${moved}`}
                      {finished ? ` ${t('disp.sinceStart')}` : ''})
                    </small>
                  )}
                </span>
                <span>
                  {t('front.ew')} {f.ewLevel} · {t('front.ratio')}{' '}
                  {f.lastRedFires > 0 ? fmt.ratio(f.lastBlueFires / f.lastRedFires) : '—'}
                </span>
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
