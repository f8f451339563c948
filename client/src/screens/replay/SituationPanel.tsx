import type { View } from '@arsenal/shared';
import type { Scenario } from '@arsenal/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import { FrontsTable } from '../../ui/FrontsTable.tsx';
import type { Names } from '../../ui/names.ts';
import { NewsList } from '../common/NewsList.tsx';
import { Situation } from '../team/Situation.tsx';

/**
 * The situation at the entry shown. For a team, the team console's own situation panel over the view
 * that team had; otherwise every team's standing as far as the audience may see it, and the fronts.
 * Then the narration of the month, as the audience read it.
 */
export function SituationPanel({ view, scenario, names }: { view: View; scenario: Scenario; names: Names }) {
  const { t, fmt, text } = useI18n();
  const team = view.audience.role === 'team' ? view.audience.team : null;
  return (
    <div className="replay-situation">
      <section className="panel" aria-labelledby="rp-news">
        <h2 id="rp-news">{t('replay.narration')}</h2>
        <NewsList news={view.news} names={names} />
      </section>
      {team ? (
        <Situation view={view} scenario={scenario} team={team} />
      ) : (
        <>
          <section className="panel" aria-labelledby="rp-teams">
            <h2 id="rp-teams">{t('replay.teams')}</h2>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('replay.team')}</th>
                    <th scope="col" className="num">
                      {t('replay.money')}
                    </th>
                    <th scope="col" className="num">
                      {t('replay.score')}
                    </th>
                    <th scope="col">{t('replay.submitted')}</th>
                  </tr>
                </thead>
                <tbody>
                  {view.teams.map((x) => (
                    <tr key={x.id} data-team={x.id}>
                      <th scope="row">{x.name}</th>
                      <td className="num" data-money={x.money ?? ''}>
                        {x.money === undefined ? (
                          <span className="muted">{t('replay.hidden')}</span>
                        ) : (
                          fmt.money(x.money)
                        )}
                      </td>
                      <td className="num">{x.score ?? '—'}</td>
                      <td>{x.submitted ? '✓' : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          {view.activeInjects.length > 0 && (
            <section className="panel" aria-labelledby="rp-events">
              <h2 id="rp-events">{t('replay.events')}</h2>
              <ul>
                {view.activeInjects.map((a) => (
                  <li key={a.inject}>{text(a.title)}</li>
                ))}
              </ul>
            </section>
          )}
          <section className="panel" aria-labelledby="rp-fronts">
            <h2 id="rp-fronts">{t('replay.fronts')}</h2>
            <FrontsTable view={view} names={names} />
          </section>
        </>
      )}
    </div>
  );
}
