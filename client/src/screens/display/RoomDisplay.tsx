import type { View } from '@arsenal/shared';
import type { Scenario } from '@arsenal/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import { Countdown } from '../../ui/Countdown.tsx';
import { PhaseLabel } from '../../ui/PhaseLabel.tsx';
import { namesFor } from '../../ui/names.ts';
import { NewsList } from '../common/NewsList.tsx';
import { ProductionBars } from './ProductionBars.tsx';
import { PageLabel } from './PageLabel.tsx';
import { usePages } from './usePages.ts';

/**
 * The projector: readable from five metres, public facts only (the display seat's view holds no
 * team's secrets): month, phase and clock; headlines; production against what the fronts need; the
 * fronts; who has submitted.
 */
export function RoomDisplay({ view, scenario }: { view: View; scenario: Scenario | null }) {
  const { t, fmt, text } = useI18n();
  const names = namesFor(scenario, view);
  const last = view.history[view.history.length - 1];
  const prev = view.history[view.history.length - 2];
  const announcements = view.notes.filter((n) => n.kind === 'announcement').slice(-2);
  const headlines = view.news.filter((n) => n.kind !== 'order_skipped').slice(-4);
  // a projector shows what fits; longer lists page through by themselves
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
        <Countdown deadline={view.deadline} className="display-countdown" />
      </section>

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

      <section className="display-news" aria-labelledby="disp-news">
        <h2 id="disp-news">{t('disp.headlines')}</h2>
        {announcements.map((a) => (
          <p key={a.seq} className="announcement">
            {a.text}
          </p>
        ))}
        {view.activeInjects.map((a) => (
          <p key={a.inject} className="inject-banner">
            {text(a.title)}
          </p>
        ))}
        <NewsList news={headlines} names={names} big />
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
            const moved = last && prev ? (last.territory[f.id] ?? 0) - (prev.territory[f.id] ?? 0) : 0;
            return (
              <li key={f.id}>
                <strong>{f.name}</strong>
                <span className="big-num" title={t('front.territory')}>
                  {f.territory > 0 ? `+${f.territory}` : f.territory}
                  {moved !== 0 && (
                    <small className={moved > 0 ? 'up' : 'down'}>
                      {' '}
                      ({moved > 0 ? `▲ +${moved}` : `▼ ${moved}`})
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
