import type { View } from '@arsenal/shared';
import type { PresenceEntry } from '@arsenal/shared/protocol';
import type { SeatKey } from '@arsenal/shared/protocol';
import { labelOr, useI18n } from '../../i18n/i18n.tsx';
import type { Exercise } from '../../realtime/useExercise.ts';
import { SeatActions } from './SeatActions.tsx';

export function connectionsOf(presence: readonly PresenceEntry[], seat: SeatKey): number {
  return presence.filter((p) => p.seat === seat).reduce((n, p) => n + p.connections, 0);
}

/**
 * Teams × (connected, submitted, money, score), with the seat actions: hand the seat to a bot or take
 * it back, revoke its tokens, issue a new join code. Observers get it read-only and without presence
 * (the server sends presence to the facilitator only).
 */
export function TeamsGrid({
  ex,
  view,
  presence,
  readOnly = false,
}: {
  ex: Exercise;
  view: View;
  presence: PresenceEntry[];
  readOnly?: boolean;
}) {
  const { t, fmt } = useI18n();
  const planning = view.phase === 'planning';

  return (
    <section className="panel teams-grid" aria-labelledby="grid-title">
      <h2 id="grid-title">{t('grid.title')}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('grid.team')}</th>
              <th scope="col">{t('grid.seat')}</th>
              {!readOnly && <th scope="col">{t('grid.connected')}</th>}
              <th scope="col">{t('grid.submitted')}</th>
              <th scope="col" className="num">
                {t('grid.money')}
              </th>
              <th scope="col" className="num">
                {t('grid.score')}
              </th>
              {!readOnly && <th scope="col">{t('grid.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {view.teams.map((team) => {
              const seat: SeatKey = `team:${team.id}`;
              const online = connectionsOf(presence, seat);
              return (
                <tr key={team.id} data-team={team.id}>
                  <th scope="row">
                    {team.name}
                    <br />
                    <span className="muted small">{labelOr(t, `kind.${team.kind}`, team.kind)}</span>
                  </th>
                  <td>{team.bot ? t('grid.bot') : t('grid.human')}</td>
                  {!readOnly && (
                    <td data-connected={online > 0}>
                      <span className={`dot-label ${online > 0 ? 'on' : 'off'}`}>
                        {online > 0 ? t('grid.online', { n: online }) : t('grid.offline')}
                      </span>
                    </td>
                  )}
                  <td data-submitted={team.submitted}>
                    <span className={`dot-label ${team.submitted ? 'on' : 'off'}`}>
                      {team.submitted ? t('grid.yes') : planning ? t('grid.waiting') : '—'}
                    </span>
                  </td>
                  <td className="num">{team.money !== undefined ? fmt.money(team.money) : '—'}</td>
                  <td className="num">{team.score ?? '—'}</td>
                  {!readOnly && (
                    <td>
                      <SeatActions ex={ex} seat={seat} name={team.name} team={team} />
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
