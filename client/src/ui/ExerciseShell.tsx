import type { ReactNode } from 'react';
import type { View } from '@arsenal/shared';
import type { Scenario } from '@arsenal/shared';
import { forgetToken } from '../api/seats.ts';
import { navigate } from '../navigation/routes.ts';
import { useI18n, useScenarioLanguage } from '../i18n/i18n.tsx';
import type { Exercise } from '../realtime/useExercise.ts';
import { ConnectionBadge } from './ConnectionBadge.tsx';
import { Countdown } from './Countdown.tsx';
import { GlossaryButton } from './Glossary.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Notice } from './Notice.tsx';
import { PhaseLabel } from './PhaseLabel.tsx';

/**
 * The frame of every exercise page: who this seat is, the month, phase and clock, the connection
 * state (always visible), the language; then the page once the seat's view has arrived.
 */
export function ExerciseShell({
  ex,
  seatLabel,
  children,
  className = '',
}: {
  ex: Exercise;
  seatLabel: string;
  children: (view: View, scenario: Scenario | null) => ReactNode;
  className?: string;
}) {
  const { t, fmt } = useI18n();
  const view = ex.snap.view;
  useScenarioLanguage(view?.scenario.language);
  const scenario = ex.scenario.status === 'ready' ? ex.scenario.scenario : null;
  return (
    <div className={`page exercise ${className}`}>
      <header className="topbar">
        <a className="brand" href="/" onClick={(e) => (e.preventDefault(), navigate({ page: 'home' }))}>
          Arsenal
        </a>
        <span className="seat">{seatLabel}</span>
        {view && (
          <span className="when">
            <strong>{fmt.month(view.monthLabel)}</strong>{' '}
            <span className="muted">
              {t('month.of', {
                month: Math.min(view.month, view.scenario.turns),
                turns: view.scenario.turns,
              })}
            </span>{' '}
            <PhaseLabel view={view} />
          </span>
        )}
        {view && <Countdown deadline={view.deadline} />}
        <span className="spacer" />
        <ConnectionBadge link={ex.token ? ex.snap.link : 'denied'} />
        <GlossaryButton />
        <LanguageSwitch />
      </header>
      <main id="main" className={className}>
        <Body ex={ex} view={view} scenario={scenario}>
          {children}
        </Body>
      </main>
    </div>
  );
}

function Body({
  ex,
  view,
  scenario,
  children,
}: {
  ex: Exercise;
  view: View | null;
  scenario: Scenario | null;
  children: (view: View, scenario: Scenario | null) => ReactNode;
}) {
  const { t } = useI18n();
  if (!ex.token)
    return (
      <section className="panel narrow">
        <h1>{t('seat.none.title')}</h1>
        <p>{t('seat.none.body')}</p>
        <button type="button" className="primary" onClick={() => navigate({ page: 'join', code: '' })}>
          {t('seat.join')}
        </button>
      </section>
    );
  if (ex.snap.link === 'denied')
    return (
      <section className="panel narrow">
        <h1>{t('seat.denied.title')}</h1>
        <Notice kind="error">
          {ex.snap.error?.code === 'auth/revoked' ? t('seat.revoked') : t('seat.invalid')}
        </Notice>
        <button
          type="button"
          className="primary"
          onClick={() => {
            forgetToken(ex.exerciseId, ex.seat);
            navigate({ page: 'join', code: '' });
          }}
        >
          {t('seat.joinAgain')}
        </button>
      </section>
    );
  if (!view)
    return (
      <p className="loading" role="status">
        {t('seat.loading')}
      </p>
    );
  return (
    <>
      {ex.snap.link === 'offline' && (
        <Notice kind="warn">
          {t('link.offlineHelp')}{' '}
          <button type="button" onClick={() => ex.connection?.retry()}>
            {t('link.retry')}
          </button>
        </Notice>
      )}
      {children(view, scenario)}
    </>
  );
}
