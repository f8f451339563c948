import type { Scenario, View } from '@arsenal/shared';
import { objectiveWords } from '../../ui/objectives.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Names } from '../../ui/names.ts';
import { NewsList } from '../common/NewsList.tsx';

/** The last published month: its narration, then where the team stands on its objectives (final once finished). */
export function ResultsPanel({
  view,
  scenario,
  names,
}: {
  view: View;
  scenario: Scenario | null;
  names: Names;
}) {
  const { t, fmt, text } = useI18n();
  const last = view.history[view.history.length - 1];
  const objectives = view.me?.objectives ?? [];
  const score = view.teams.find((x) => x.id === view.me?.team.id)?.score;
  // once the exercise is over an objective is met or missed, no longer "not yet"
  const final = view.phase === 'finished';
  const words = objectiveWords(fmt, scenario, view.me?.team.id ?? '');
  return (
    <div className="results">
      <section aria-labelledby="res-news" className="panel">
        <h2 id="res-news">{last ? t('res.month', { month: last.month }) : t('res.noneYet')}</h2>
        {last && <NewsList news={view.news} names={names} />}
      </section>
      <section aria-labelledby="res-obj" className="panel">
        <h2 id="res-obj">
          {t('res.objectives')}
          {score !== undefined && <span className="muted"> · {t('res.score', { score })}</span>}
        </h2>
        {objectives.length === 0 ? (
          <p className="muted">{t('res.noObjectives')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('res.objective')}</th>
                <th scope="col" className="num">
                  {t('res.value')}
                </th>
                <th scope="col" className="num">
                  {t('res.target')}
                </th>
                <th scope="col">{t('res.met')}</th>
              </tr>
            </thead>
            <tbody>
              {objectives.map((o) => (
                <tr key={o.id} className={o.met ? 'ok' : 'bad'}>
                  <th scope="row">{text(o.label)}</th>
                  <td className="num">{words.value(o)}</td>
                  <td className="num">{words.target(o)}</td>
                  <td data-met={o.met}>{o.met ? t('res.yes') : final ? t('res.missed') : t('res.no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
