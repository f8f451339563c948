import { useState } from 'react';
import type { CreatedExercise } from '@arsenal/shared/protocol';
import { recentSeats, type SeatPapers } from '../../api/seats.ts';
import { navigate } from '../../navigation/routes.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { LanguageSwitch } from '../../ui/LanguageSwitch.tsx';
import { CreatedPanel } from './CreatedPanel.tsx';
import { CreateForm } from './CreateForm.tsx';
import { JoinForm, routeOfSeat } from './JoinForm.tsx';
import { seatFromKey } from '@arsenal/shared/protocol';

export default function HomePage() {
  const { t } = useI18n();
  const [created, setCreated] = useState<{ created: CreatedExercise; papers: SeatPapers } | null>(null);
  const recent = recentSeats();
  return (
    <div className="page home">
      <header className="topbar">
        <span className="brand">Arsenal</span>
        <span className="tagline">{t('home.tagline')}</span>
        <span className="spacer" />
        <LanguageSwitch />
      </header>
      <main id="main" className="home-grid">
        <section className="panel" aria-labelledby="join-title">
          <h1 id="join-title">{t('home.join')}</h1>
          <JoinForm />
          {recent.length > 0 && (
            <>
              <h2>{t('home.recent')}</h2>
              <ul className="recent">
                {recent.map((r) => (
                  <li key={`${r.exerciseId}:${r.seat}`}>
                    <button
                      type="button"
                      className="link"
                      onClick={() =>
                        navigate(routeOfSeat({ exerciseId: r.exerciseId, seat: seatFromKey(r.seat) }))
                      }
                    >
                      {r.seat === 'facilitator' ? t('seat.facilitator') : r.label} ·{' '}
                      <code>{r.exerciseId}</code>
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          <p>
            <a href="/replay">{t('home.openReplay')}</a>
          </p>
        </section>
        {created ? (
          <CreatedPanel created={created.created} papers={created.papers} />
        ) : (
          <section className="panel" aria-labelledby="create-title">
            <h2 id="create-title">{t('home.create')}</h2>
            <CreateForm onCreated={(c, papers) => setCreated({ created: c, papers })} />
          </section>
        )}
      </main>
    </div>
  );
}
