import { useState, type FormEvent } from 'react';
import type { ForkCreated } from '@arsenal/shared';
import type { Timeline } from '@arsenal/shared';
import { saveCreated, saveToken, type SeatPapers } from '../../api/seats.ts';
import { navigate } from '../../navigation/routes.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Field } from '../../ui/Field.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { useErrorText } from '../../ui/errors.ts';
import { SeatCodes } from '../home/SeatCodes.tsx';
import { replayApi } from './api.ts';
import { rememberFork } from './forks.ts';
import type { ServerLink } from './api.ts';

/**
 * Starts a counterfactual: a new exercise on the server that begins at the end of a chosen month of
 * this one, with new seats, the same dice or new ones, and the bot seats kept or everywhere.
 */
export function ForkPanel({
  timeline,
  server,
  title,
}: {
  timeline: Timeline;
  server: ServerLink | null;
  title: string;
}) {
  const { t, fmt } = useI18n();
  const errorText = useErrorText();
  const months = timeline.months.filter(
    (m) => m.endSeq !== null && timeline.stateAt(m.endSeq).phase !== 'finished',
  );
  const [month, setMonth] = useState(months.at(-1)?.month ?? 0);
  const [newDice, setNewDice] = useState(false);
  const [seed, setSeed] = useState('1');
  const [allBots, setAllBots] = useState(false);
  const [state, setState] = useState<{
    pending: boolean;
    error: { code: string; message: string } | null;
    fork: ForkCreated | null;
    papers: SeatPapers | null;
  }>({ pending: false, error: null, fork: null, papers: null });

  if (!server)
    return (
      <section className="panel">
        <h2>{t('replay.fork.title')}</h2>
        <p className="muted">{t('replay.fork.needsServer')}</p>
      </section>
    );

  const seedValue = Number(seed);
  const seedOk = Number.isInteger(seedValue) && seedValue >= 0 && seedValue <= 0xffffffff;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (newDice && !seedOk) return;
    setState((s) => ({ ...s, pending: true, error: null }));
    const r = await replayApi.fork(server.exerciseId, server.token, {
      month,
      seed: newDice ? seedValue : null,
      ...(allBots ? { bots: 'all' as const } : {}),
    });
    if (!r.ok) return setState((s) => ({ ...s, pending: false, error: r }));
    const forkTitle = t('replay.fork.name', { title, month });
    saveToken(r.exerciseId, 'facilitator', r.facilitator.token, 'facilitator');
    const bots = new Set(allBots ? timeline.scenario.teams.map((x) => x.id) : timeline.setup.bots);
    const teams = timeline.scenario.teams.map((x) => ({
      id: x.id,
      name: x.name,
      kind: x.kind,
      bot: bots.has(x.id),
    }));
    saveCreated(r, { title: forkTitle, teams });
    rememberFork(server.exerciseId, {
      exerciseId: r.exerciseId,
      title: forkTitle,
      month,
      seed: r.seed,
      at: Date.now(),
    });
    const { facilitator: _secret, ...papers } = r;
    setState({ pending: false, error: null, fork: r, papers: { ...papers, title: forkTitle, teams } });
  };

  return (
    <section className="panel" aria-labelledby="rp-fork">
      <h2 id="rp-fork">{t('replay.fork.title')}</h2>
      <p>{t('replay.fork.help')}</p>
      <form onSubmit={submit} noValidate className="replay-form">
        <Field label={t('replay.fork.month')}>
          {(p) => (
            <select {...p} name="month" value={month} onChange={(e) => setMonth(Number(e.target.value))}>
              <option value={0}>{t('replay.monthStart')}</option>
              {months.map((m) => (
                <option key={m.month} value={m.month}>
                  {t('replay.monthValue', { label: fmt.month(m.label), month: m.month })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset>
          <legend>{t('replay.fork.dice')}</legend>
          <label className="choice">
            <input type="radio" name="dice" checked={!newDice} onChange={() => setNewDice(false)} />{' '}
            {t('replay.fork.sameDice')}
          </label>
          <label className="choice">
            <input type="radio" name="dice" checked={newDice} onChange={() => setNewDice(true)} />{' '}
            {t('replay.fork.newDice')}
          </label>
        </fieldset>
        {newDice && (
          <Field label={t('replay.fork.seed')} error={seedOk ? null : '0 – 4294967295'}>
            {(p) => (
              <input
                {...p}
                name="seed"
                inputMode="numeric"
                value={seed}
                onChange={(e) => setSeed(e.target.value.trim())}
              />
            )}
          </Field>
        )}
        <fieldset>
          <legend>{t('replay.fork.bots')}</legend>
          <label className="choice">
            <input type="radio" name="bots" checked={!allBots} onChange={() => setAllBots(false)} />{' '}
            {t('replay.fork.botsKeep')}
          </label>
          <label className="choice">
            <input type="radio" name="bots" checked={allBots} onChange={() => setAllBots(true)} />{' '}
            {t('replay.fork.botsAll')}
          </label>
        </fieldset>
        {state.error && <Notice kind="error">{errorText(state.error)}</Notice>}
        <button type="submit" className="primary" disabled={state.pending || (newDice && !seedOk)}>
          {t('replay.fork.submit')}
        </button>
      </form>
      {state.fork && state.papers && (
        <div className="replay-fork-done" data-fork={state.fork.exerciseId}>
          <Notice kind="ok">{t('replay.fork.done', { title: state.papers.title })}</Notice>
          <p className="actions">
            <button
              type="button"
              onClick={() => navigate({ page: 'facilitator', exerciseId: state.fork!.exerciseId })}
            >
              {t('replay.fork.console')}
            </button>{' '}
            <button
              type="button"
              onClick={() => navigate({ page: 'replay', exerciseId: state.fork!.exerciseId })}
            >
              {t('replay.fork.replay')}
            </button>
          </p>
          <h3>{t('replay.fork.codes')}</h3>
          <SeatCodes papers={state.papers} />
        </div>
      )}
    </section>
  );
}
