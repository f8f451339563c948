import type { View } from '@arsenal/shared';
import type { TimerDefaults } from '@arsenal/shared/protocol';
import type { FacilitatorCommand, Scenario } from '@arsenal/shared';
import { phaseAccepts } from '@arsenal/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCommand } from '../../realtime/useCommand.ts';
import type { Exercise } from '../../realtime/useExercise.ts';
import { Notice } from '../../ui/Notice.tsx';
import { useErrorText } from '../../ui/errors.ts';
import { adjudicateQuestion } from './ReviewSummary.tsx';

type PhaseCommand = Extract<
  FacilitatorCommand,
  { type: 'startBriefing' | 'startPlanning' | 'adjudicate' | 'publish' | 'pause' | 'resume' | 'end' }
>;

/** The buttons that move the exercise on; only those the machine takes in the current phase are shown. */
export function PhaseControls({
  ex,
  view,
  scenario,
  timer,
}: {
  ex: Exercise;
  view: View;
  scenario: Scenario | null;
  timer: TimerDefaults | null;
}) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const cmd = useCommand(ex.connection);
  const p = view.phase;

  const run = async (type: PhaseCommand['type']) => {
    if (type === 'end' && !window.confirm(t('phase.endConfirm'))) return;
    if (type === 'adjudicate' && !window.confirm(adjudicateQuestion(t, view, ex.snap.drafts))) return;
    if (type === 'publish' && !window.confirm(t('revx.confirmPublish', { month: view.month }))) return;
    await cmd.run({ type } as PhaseCommand);
  };

  const button = (type: PhaseCommand['type'], primary = false) => (
    <button
      key={type}
      type="button"
      className={primary ? 'primary' : type === 'end' ? 'danger' : ''}
      disabled={cmd.pending}
      onClick={() => void run(type)}
      data-command={type}
    >
      {t(`phaseCmd.${type}`)}
    </button>
  );

  // the machine decides what is legal in this phase (phaseAccepts), in this order of buttons
  const ORDER: [PhaseCommand['type'], boolean][] = [
    ['startBriefing', false],
    ['startPlanning', true],
    ['adjudicate', true],
    ['publish', true],
    ['resume', true],
    ['pause', false],
    ['end', false],
  ];
  const buttons = scenario
    ? ORDER.filter(([type]) => phaseAccepts(scenario, p, type)).map(([type, primary]) =>
        button(type, primary),
      )
    : [];

  return (
    <section className="panel phase-controls" aria-labelledby="phase-title">
      <h2 id="phase-title">{t('fac.phase')}</h2>
      {p === 'finished' ? <p>{t('fac.finished')}</p> : <div className="row wrap">{buttons}</div>}
      {timer?.autoStart && p !== 'finished' && (
        <p className="hint">{t('fac.autoTimer', { n: timer.planningMinutes })}</p>
      )}
      {cmd.error && <Notice kind="error">{errorText(cmd.error)}</Notice>}
    </section>
  );
}
