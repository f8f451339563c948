import type { SeatPapers } from '../../api/seats.ts';
import { labelOr, useI18n } from '../../i18n/i18n.tsx';
import { QrCode } from './QrCode.tsx';

export const joinUrl = (papers: Pick<SeatPapers, 'joinLink'>, code: string) =>
  `${papers.joinLink}#code=${encodeURIComponent(code)}`;

export interface SeatRow {
  key: string;
  name: string;
  role: string;
  code: string;
  bot: boolean;
}

export function seatRows(papers: SeatPapers, t: (k: 'seat.observer' | 'seat.display') => string): SeatRow[] {
  const teams = papers.teams.map((team) => ({
    key: `team:${team.id}`,
    name: team.name,
    role: team.kind,
    code: papers.codes.teams[team.id] ?? '',
    bot: team.bot,
  }));
  return [
    ...teams,
    { key: 'observer', name: t('seat.observer'), role: 'observer', code: papers.codes.observer, bot: false },
    { key: 'display', name: t('seat.display'), role: 'display', code: papers.codes.display, bot: false },
  ];
}

/** The join codes of every seat, each with a QR code of its join link. */
export function SeatCodes({ papers }: { papers: SeatPapers }) {
  const { t } = useI18n();
  return (
    <ul className="seat-codes">
      {seatRows(papers, t).map((row) => (
        <li key={row.key} className="seat-code" data-seat={row.key}>
          <QrCode text={joinUrl(papers, row.code)} label={t('seat.qrFor', { seat: row.name })} size={112} />
          <div>
            <strong>{row.name}</strong>
            <span className="muted"> · {labelOr(t, `kind.${row.role}`, row.role)}</span>
            {row.bot && <span className="tag">{t('seat.bot')}</span>}
            <p className="code" data-code={row.code}>
              {row.code}
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}
