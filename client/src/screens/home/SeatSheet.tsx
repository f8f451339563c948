import { loadCreated } from '../../api/seats.ts';
import { labelOr, useI18n } from '../../i18n/i18n.tsx';
import { QrCode } from './QrCode.tsx';
import { joinUrl, seatRows } from './SeatCodes.tsx';

/**
 * A printable page: one card per seat with its join code, QR code and the join address; `?seat=…`
 * prints that seat's card alone (a late arrival, a code just renewed).
 */
export default function SeatSheet({ exerciseId }: { exerciseId: string }) {
  const { t } = useI18n();
  const papers = loadCreated(exerciseId);
  const only = new URLSearchParams(window.location.search).get('seat');
  if (!papers)
    return (
      <main id="main" className="page narrow">
        <h1>{t('sheet.title')}</h1>
        <p>{t('sheet.missing')}</p>
      </main>
    );
  return (
    <main id="main" className="page sheet">
      <div className="no-print row">
        <h1>{t('sheet.heading', { title: papers.title })}</h1>
        <button type="button" className="primary" onClick={() => window.print()}>
          {t('sheet.print')}
        </button>
      </div>
      <ul className="cards">
        {seatRows(papers, t)
          .filter((row) => !only || row.key === only)
          .map((row) => (
            <li key={row.key} className="card" data-seat={row.key}>
              <p className="muted">{papers.title}</p>
              <h2>{row.name}</h2>
              <p className="muted">{labelOr(t, `kind.${row.role}`, row.role)}</p>
              {row.bot ? (
                <p>{t('sheet.botSeat')}</p>
              ) : (
                <>
                  <QrCode
                    text={joinUrl(papers, row.code)}
                    label={t('seat.qrFor', { seat: row.name })}
                    size={160}
                  />
                  <p className="code">{row.code}</p>
                  <p className="small">{t('sheet.how', { url: papers.joinLink })}</p>
                </>
              )}
            </li>
          ))}
      </ul>
    </main>
  );
}
