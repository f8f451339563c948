import { useState } from 'react';
import { adoptFragmentToken } from '../../api/seats.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useExercise } from '../../realtime/useExercise.ts';
import { ExerciseShell } from '../../ui/ExerciseShell.tsx';
import { FacilitatorConsole } from './FacilitatorConsole.tsx';

export default function FacilitatorPage({ exerciseId }: { exerciseId: string }) {
  const { t } = useI18n();
  // The link's `#token=…` is stored before the connection looks for a token, then hidden from the URL.
  useState(() => adoptFragmentToken(exerciseId));
  const ex = useExercise(exerciseId, 'facilitator');
  return (
    <ExerciseShell ex={ex} seatLabel={t('seat.facilitator')} className="facilitator-console">
      {(view, scenario) => <FacilitatorConsole ex={ex} view={view} scenario={scenario} />}
    </ExerciseShell>
  );
}
