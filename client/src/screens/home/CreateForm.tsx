import { useEffect, useState, type FormEvent } from 'react';
import {
  TIMER_DEFAULTS,
  TIMER_MINUTES_MAX,
  type CreatedExercise,
  type ScenarioSummary,
} from '@arsenal/shared/protocol';
import type { ScenarioError } from '@arsenal/shared';
import { api } from '../../api/http.ts';
import { saveCreated, saveToken, type SeatPapers } from '../../api/seats.ts';
import { labelOr, useI18n } from '../../i18n/i18n.tsx';
import { Field } from '../../ui/Field.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { useErrorText } from '../../ui/errors.ts';
import { BalanceCheck, type BalanceSource } from './BalanceCheck.tsx';
import { ScenarioErrors, ScenarioUpload, type UploadedScenario } from './ScenarioUpload.tsx';

type Source = 'bundled' | 'upload';

/** Create an exercise: a scenario (bundled or uploaded), who plays each seat, and the planning timer. */
export function CreateForm({ onCreated }: { onCreated: (c: CreatedExercise, papers: SeatPapers) => void }) {
  const { t, text } = useI18n();
  const errorText = useErrorText();
  const [list, setList] = useState<ScenarioSummary[] | null>(null);
  const [source, setSource] = useState<Source>('bundled');
  const [scenarioId, setScenarioId] = useState('');
  const [upload, setUpload] = useState<UploadedScenario | null>(null);
  const [title, setTitle] = useState('');
  const [bots, setBots] = useState<Record<string, boolean>>({});
  const [planning, setPlanning] = useState(TIMER_DEFAULTS.planningMinutes);
  const [extend, setExtend] = useState(TIMER_DEFAULTS.extendMinutes);
  // The form ticks automatic timers, which a room usually wants; the API's default stays off.
  const [autoStart, setAutoStart] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [serverErrors, setServerErrors] = useState<ScenarioError[]>([]);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    void api.scenarios().then((r) => {
      if (!r.ok) return setError(errorText(r));
      setList(r.scenarios);
      setScenarioId((id) => id || (r.scenarios.find((s) => s.id === 'tutorial') ?? r.scenarios[0])?.id || '');
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load once
  }, []);

  const chosen = source === 'bundled' ? list?.find((s) => s.id === scenarioId) : upload;
  const teams = chosen?.teams ?? [];
  const balanceSource: BalanceSource | null = !chosen
    ? null
    : source === 'bundled'
      ? { scenarioId, turns: chosen.turns }
      : { scenarioText: upload!.text, turns: chosen.turns };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return setError(t('create.pickScenario'));
    setPending(true);
    setError(null);
    setServerErrors([]);
    const botIds = teams.filter((x) => bots[x.id]).map((x) => x.id);
    const res = await api.create({
      ...(source === 'bundled' ? { scenarioId } : { scenarioText: upload!.text }),
      ...(title.trim() ? { title: title.trim() } : {}),
      bots: botIds,
      timer: { planningMinutes: planning, extendMinutes: extend, autoStart },
    });
    setPending(false);
    if (!res.ok) {
      setError(errorText(res));
      setServerErrors(res.errors ?? []);
      return;
    }
    const papers = {
      title: title.trim() || text(chosen.title),
      teams: teams.map((x) => ({ ...x, bot: !!bots[x.id] })),
    };
    saveToken(res.exerciseId, 'facilitator', res.facilitator.token, 'facilitator');
    saveCreated(res, papers);
    onCreated(res, { ...res, ...papers });
  };

  return (
    <form onSubmit={submit} className="create-form" noValidate>
      <fieldset>
        <legend>{t('create.scenario')}</legend>
        <div className="choice">
          <label>
            <input
              type="radio"
              name="source"
              checked={source === 'bundled'}
              onChange={() => setSource('bundled')}
            />{' '}
            {t('create.bundled')}
          </label>
          <label>
            <input
              type="radio"
              name="source"
              checked={source === 'upload'}
              onChange={() => setSource('upload')}
            />{' '}
            {t('create.upload')}
          </label>
        </div>
        {source === 'bundled' ? (
          <Field label={t('create.bundledPick')} hint={text(list?.find((s) => s.id === scenarioId)?.summary)}>
            {(p) => (
              <select
                {...p}
                value={scenarioId}
                onChange={(e) => setScenarioId(e.target.value)}
                disabled={!list}
              >
                {(list ?? []).map((s) => (
                  <option key={s.id} value={s.id}>
                    {text(s.title)} · {t('create.turns', { n: s.turns })} · {s.language.toUpperCase()}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : (
          <ScenarioUpload onChange={setUpload} />
        )}
      </fieldset>

      <BalanceCheck source={balanceSource} />

      <Field label={t('create.title')} hint={t('create.titleHint')}>
        {(p) => <input {...p} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={120} />}
      </Field>

      {teams.length > 0 && (
        <fieldset className="seats">
          <legend>{t('create.seats')}</legend>
          <p className="hint">{t('create.seatsHint')}</p>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('create.team')}</th>
                <th scope="col">{t('create.human')}</th>
                <th scope="col">{t('create.bot')}</th>
              </tr>
            </thead>
            <tbody>
              {teams.map((team) => (
                <tr key={team.id}>
                  <th scope="row">
                    {team.name} <span className="muted">({labelOr(t, `kind.${team.kind}`, team.kind)})</span>
                  </th>
                  <td>
                    <input
                      type="radio"
                      name={`seat-${team.id}`}
                      aria-label={t('create.humanFor', { team: team.name })}
                      checked={!bots[team.id]}
                      onChange={() => setBots((b) => ({ ...b, [team.id]: false }))}
                    />
                  </td>
                  <td>
                    <input
                      type="radio"
                      name={`seat-${team.id}`}
                      aria-label={t('create.botFor', { team: team.name })}
                      checked={!!bots[team.id]}
                      onChange={() => setBots((b) => ({ ...b, [team.id]: true }))}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </fieldset>
      )}

      <fieldset className="timer-defaults">
        <legend>{t('create.timer')}</legend>
        <Field label={t('create.planningMinutes')}>
          {(p) => (
            <input
              {...p}
              type="number"
              min={1}
              max={TIMER_MINUTES_MAX}
              value={planning}
              onChange={(e) => setPlanning(Number(e.target.value) || 1)}
            />
          )}
        </Field>
        <Field label={t('create.extendMinutes')}>
          {(p) => (
            <input
              {...p}
              type="number"
              min={1}
              max={TIMER_MINUTES_MAX}
              value={extend}
              onChange={(e) => setExtend(Number(e.target.value) || 1)}
            />
          )}
        </Field>
        <label className="check">
          <input
            type="checkbox"
            name="autoStart"
            checked={autoStart}
            onChange={(e) => setAutoStart(e.target.checked)}
          />{' '}
          {t('create.autoStart')}
        </label>
      </fieldset>

      {error && <Notice kind="error">{error}</Notice>}
      <ScenarioErrors errors={serverErrors} />
      <button type="submit" className="primary" disabled={pending || !chosen}>
        {pending ? t('create.creating') : t('create.submit')}
      </button>
    </form>
  );
}
