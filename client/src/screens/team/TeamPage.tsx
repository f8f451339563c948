import { useI18n } from '../../i18n/i18n.tsx';
import { useExercise } from '../../realtime/useExercise.ts';
import { ExerciseShell } from '../../ui/ExerciseShell.tsx';
import { TeamConsole } from './TeamConsole.tsx';

export default function TeamPage({ exerciseId, team }: { exerciseId: string; team: string }) {
  const { t } = useI18n();
  const ex = useExercise(exerciseId, `team:${team}`);
  const name = ex.snap.view?.teams.find((x) => x.id === team)?.name ?? t('seat.team');
  return (
    <ExerciseShell ex={ex} seatLabel={name} className="team-console">
      {(view, scenario) => <TeamConsole ex={ex} view={view} scenario={scenario} team={team} />}
    </ExerciseShell>
  );
}
