import { lazy, Suspense } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorBoundary } from '../ui/ErrorBoundary.tsx';
import { useRoute, type Route } from '../navigation/routes.ts';

// Each screen is its own chunk: a team laptop never downloads the facilitator console or the charts.
const HomePage = lazy(() => import('../screens/home/HomePage.tsx'));
const JoinPage = lazy(() => import('../screens/home/JoinPage.tsx'));
const SeatSheet = lazy(() => import('../screens/home/SeatSheet.tsx'));
const TeamPage = lazy(() => import('../screens/team/TeamPage.tsx'));
const FacilitatorPage = lazy(() => import('../screens/facilitator/FacilitatorPage.tsx'));
const ObserverPage = lazy(() => import('../screens/observer/ObserverPage.tsx'));
const DisplayPage = lazy(() => import('../screens/display/DisplayPage.tsx'));
const ReplayPage = lazy(() => import('../screens/replay/ReplayPage.tsx'));

function Screen({ route }: { route: Route }) {
  const { t } = useI18n();
  switch (route.page) {
    case 'home':
      return <HomePage />;
    case 'join':
      return <JoinPage code={route.code} />;
    case 'sheet':
      return <SeatSheet exerciseId={route.exerciseId} />;
    case 'team':
      return <TeamPage exerciseId={route.exerciseId} team={route.team} />;
    case 'facilitator':
      return <FacilitatorPage exerciseId={route.exerciseId} />;
    case 'observer':
      return <ObserverPage exerciseId={route.exerciseId} />;
    case 'display':
      return <DisplayPage exerciseId={route.exerciseId} />;
    case 'replay':
      return <ReplayPage exerciseId={route.exerciseId} />;
    case 'notFound':
      return (
        <main id="main" className="page narrow">
          <h1>{t('notFound.title')}</h1>
          <p>
            <a href="/">{t('notFound.home')}</a>
          </p>
        </main>
      );
  }
}

export function App() {
  const route = useRoute();
  const { t } = useI18n();
  return (
    <>
      <a className="skip" href="#main">
        {t('skip')}
      </a>
      <Suspense
        fallback={
          <p className="loading" role="status">
            {t('loading')}
          </p>
        }
      >
        <ErrorBoundary
          key={route.page}
          title={t('crash.title')}
          body={t('crash.body')}
          action={t('crash.reload')}
        >
          <Screen route={route} />
        </ErrorBoundary>
      </Suspense>
    </>
  );
}
