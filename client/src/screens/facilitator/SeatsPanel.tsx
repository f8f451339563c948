import { useState } from 'react';
import type { PresenceEntry } from '@arsenal/shared/protocol';
import { loadCreated } from '../../api/seats.ts';
import { labelOr, useI18n } from '../../i18n/i18n.tsx';
import type { Exercise } from '../../realtime/useExercise.ts';
import { Notice } from '../../ui/Notice.tsx';
import { useErrorText } from '../../ui/errors.ts';
import type { Names } from '../../ui/names.ts';
import { SeatActions } from './SeatActions.tsx';

/** Every token handed out: who joined which seat, whether connected now; revoke one. */
export function SeatsPanel({
  ex,
  presence,
  names,
}: {
  ex: Exercise;
  presence: PresenceEntry[];
  names: Names;
}) {
  const { t, fmt } = useI18n();
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const papers = loadCreated(ex.exerciseId);
  const seatName = (seat: string) =>
    seat.startsWith('team:') ? names.team(seat.slice(5)) : labelOr(t, `seat.${seat}`, seat);
  const revoke = async (p: PresenceEntry) => {
    if (!ex.connection || !window.confirm(t('seats.revokeConfirm', { label: p.label }))) return;
    const res = await ex.connection.revoke({ tokenId: p.tokenId });
    setError(res.ok ? null : errorText(res));
  };
  return (
    <section className="seats-panel" aria-labelledby="seats-title">
      <h2 id="seats-title">{t('seats.title')}</h2>
      <p className="row wrap">
        <a className="button" href={`/x/${ex.exerciseId}/sheet`} target="_blank" rel="noopener">
          {t('created.sheet')}
        </a>
        {papers && <span className="muted">{t('seats.joinAt', { url: papers.joinLink })}</span>}
      </p>
      <ul className="other-seats">
        {(['observer', 'display'] as const).map((seat) => (
          <li key={seat}>
            <strong>{seatName(seat)}</strong>
            <SeatActions ex={ex} seat={seat} name={seatName(seat)} />
          </li>
        ))}
      </ul>
      {error && <Notice kind="error">{error}</Notice>}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('seats.seat')}</th>
              <th scope="col">{t('seats.label')}</th>
              <th scope="col">{t('seats.joined')}</th>
              <th scope="col">{t('seats.connections')}</th>
              <th scope="col">{t('grid.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {presence.map((p) => (
              <tr key={p.tokenId}>
                <th scope="row">{seatName(p.seat)}</th>
                <td>{p.label}</td>
                <td>{fmt.time(p.joinedAt)}</td>
                <td>{p.connections}</td>
                <td>
                  {p.seat !== 'facilitator' && (
                    <button type="button" className="danger" onClick={() => void revoke(p)}>
                      {t('seats.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
