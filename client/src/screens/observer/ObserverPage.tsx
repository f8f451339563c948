import { useI18n } from '../../i18n/i18n.tsx';
import { useExercise } from '../../realtime/useExercise.ts';
import { ExerciseShell } from '../../ui/ExerciseShell.tsx';
import { FacilitatorConsole } from '../facilitator/FacilitatorConsole.tsx';

/** What the facilitator sees, read-only, plus insights kept in the log for the after-action report. */
export default function ObserverPage({ exerciseId }: { exerciseId: string }) {
  const { t } = useI18n();
  const ex = useExercise(exerciseId, 'observer');
  return (
    <ExerciseShell ex={ex} seatLabel={t('seat.observer')} className="observer-console">
      {(view, scenario) => <FacilitatorConsole ex={ex} view={view} scenario={scenario} readOnly />}
    </ExerciseShell>
  );
}
