import { useCallback, useEffect, useState, type ChangeEvent } from 'react';
import { MAX_EXPORT_CHARS, type HttpError } from '@arsenal/shared/protocol';
import { verifyExport, type ImportRefusal, type VerifiedImport } from '@arsenal/shared';
import { adoptFragmentToken, loadToken, saveToken } from '../../api/seats.ts';
import { navigate } from '../../navigation/routes.ts';
import { useI18n, useScenarioLanguage } from '../../i18n/i18n.tsx';
import { useExercise } from '../../realtime/useExercise.ts';
import { Field } from '../../ui/Field.tsx';
import { LanguageSwitch } from '../../ui/LanguageSwitch.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { api } from '../../api/http.ts';
import { replayApi, type ServerLink } from './api.ts';
import { Viewer } from './Viewer.tsx';
import './replay.css';

type Source =
  | { status: 'idle' }
  | { status: 'loading' | 'verifying' }
  | { status: 'refused'; refusal: ImportRefusal | HttpError }
  | { status: 'ready'; replay: VerifiedImport; text: string };

/** Verifies after the "verifying" notice has been painted: a flagship log takes a moment. */
function verifyLater(text: string, done: (s: Source) => void): void {
  setTimeout(() => {
    const r = verifyExport(text);
    done(r.ok ? { status: 'ready', replay: r, text } : { status: 'refused', refusal: r });
  }, 20);
}

/**
 * The replay viewer's page. `/x/:id/replay` loads the exercise's log from the server with the
 * facilitator's seat; `/replay` opens an exported file in this browser alone. Either way the log is
 * verified and replayed here with the shared engine.
 */
export default function ReplayPage({ exerciseId }: { exerciseId: string | null }) {
  const { t } = useI18n();
  return (
    <div className="page replay-page">
      <header className="topbar">
        <a className="brand" href="/" onClick={(e) => (e.preventDefault(), navigate({ page: 'home' }))}>
          Arsenal
        </a>
        <span className="seat">{t('replay.title')}</span>
        <span className="spacer" />
        <LanguageSwitch />
      </header>
      <main id="main">{exerciseId ? <FromServer exerciseId={exerciseId} /> : <FromFile />}</main>
    </div>
  );
}

function FromServer({ exerciseId }: { exerciseId: string }) {
  const { t } = useI18n();
  useState(() => adoptFragmentToken(exerciseId));
  const token = loadToken(exerciseId, 'facilitator');
  const ex = useExercise(exerciseId, 'facilitator');
  const [source, setSource] = useState<Source>({ status: token ? 'loading' : 'idle' });
  const load = useCallback(() => {
    if (!token) return;
    setSource((s) => (s.status === 'ready' ? s : { status: 'loading' }));
    void api.exportText(exerciseId, token).then((r) => {
      if (!r.ok) return setSource({ status: 'refused', refusal: r });
      verifyLater(r.text, setSource);
    });
  }, [exerciseId, token]);
  useEffect(load, [load]);
  if (!token)
    return (
      <section className="panel narrow">
        <Notice kind="warn">{t('replay.noToken')}</Notice>
        <button type="button" onClick={() => navigate({ page: 'replay', exerciseId: null })}>
          {t('replay.openFile')}
        </button>
      </section>
    );
  const server: ServerLink = { exerciseId, token, connection: ex.connection, reload: load };
  return <Loaded source={source} server={server} />;
}

function FromFile() {
  const { t } = useI18n();
  const [source, setSource] = useState<Source>({ status: 'idle' });
  const open = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    if (file.size > MAX_EXPORT_CHARS * 4)
      return setSource({
        status: 'refused',
        refusal: { ok: false, code: 'import/too_large', message: file.name },
      });
    setSource({ status: 'verifying' });
    verifyLater(await file.text(), setSource);
  };
  return (
    <>
      {source.status !== 'ready' && (
        <section className="panel narrow" aria-labelledby="open-title">
          <h1 id="open-title">{t('replay.open.title')}</h1>
          <p>{t('replay.open.body')}</p>
          <Field label={t('replay.open.file')}>
            {(p) => <input {...p} type="file" accept="application/json,.json" onChange={open} />}
          </Field>
        </section>
      )}
      <Loaded source={source} server={null} />
    </>
  );
}

function Loaded({ source, server }: { source: Source; server: ServerLink | null }) {
  const { t } = useI18n();
  useScenarioLanguage(source.status === 'ready' ? source.replay.scenario.meta.language : undefined);
  switch (source.status) {
    case 'idle':
      return null;
    case 'loading':
    case 'verifying':
      return (
        <p className="loading" role="status">
          {t(source.status === 'loading' ? 'replay.loading' : 'replay.verifying')}
        </p>
      );
    case 'refused':
      return <Refused refusal={source.refusal} />;
    case 'ready':
      return (
        <>
          {!server && <ImportToServer text={source.text} />}
          <Viewer replay={source.replay} text={source.text} server={server} />
        </>
      );
  }
}

function Refused({ refusal }: { refusal: ImportRefusal | HttpError }) {
  const { t } = useI18n();
  const index = 'index' in refusal ? refusal.index : undefined;
  return (
    <Notice kind="error">
      <p data-code={refusal.code}>
        {refusal.code.startsWith('import/')
          ? t('replay.refused', { message: refusal.message })
          : t('replay.loadFailed', { code: refusal.code })}
      </p>
      {index !== undefined && <p data-index={index}>{t('replay.refusedAt', { n: index + 1 })}</p>}
    </Notice>
  );
}

/** A file opened here can become a live exercise on the server (new seats), to fork it or annotate it. */
function ImportToServer({ text }: { text: string }) {
  const { t } = useI18n();
  const [state, setState] = useState<{ pending: boolean; error: string | null }>({
    pending: false,
    error: null,
  });
  const send = async () => {
    setState({ pending: true, error: null });
    const r = await replayApi.importFile(text);
    if (!r.ok) return setState({ pending: false, error: r.message });
    saveToken(r.exerciseId, 'facilitator', r.facilitator.token, 'facilitator');
    navigate({ page: 'replay', exerciseId: r.exerciseId });
  };
  return (
    <p className="replay-import">
      <button type="button" disabled={state.pending} onClick={() => void send()}>
        {t('replay.importServer')}
      </button>
      {state.error && <span className="error"> {state.error}</span>}
    </p>
  );
}
