import { useI18n } from '../../i18n/i18n.tsx';
import { useExercise } from '../../realtime/useExercise.ts';
import { ExerciseShell } from '../../ui/ExerciseShell.tsx';
import { RoomDisplay } from './RoomDisplay.tsx';

export default function DisplayPage({ exerciseId }: { exerciseId: string }) {
  const { t } = useI18n();
  const ex = useExercise(exerciseId, 'display');
  return (
    <ExerciseShell ex={ex} seatLabel={t('seat.display')} className="room-display">
      {(view, scenario) => <RoomDisplay view={view} scenario={scenario} />}
    </ExerciseShell>
  );
}
