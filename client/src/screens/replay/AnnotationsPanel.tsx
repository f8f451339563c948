import { TEXT_MAX } from '@arsenal/shared';
import { useState, type FormEvent } from 'react';
import type { Note } from '@arsenal/shared';
import type { Timeline } from '@arsenal/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCommand } from '../../realtime/useCommand.ts';
import { Field } from '../../ui/Field.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { useErrorText } from '../../ui/errors.ts';
import type { ServerLink } from './api.ts';

/** The White cell's annotations, each placed at the entry it is about (or where it was written). */
export function annotationsOf(timeline: Timeline): (Note & { at: number })[] {
  return timeline.final.context.notes
    .filter((n) => n.kind === 'annotation')
    .map((n) => ({ ...n, at: Math.min(n.about ?? n.seq, timeline.lastSeq) }))
    .sort((a, b) => a.at - b.at || a.seq - b.seq);
}

/**
 * Annotations on the timeline. Adding one sends a `note` of kind `annotation` about the entry shown,
 * through the facilitator's connection like every command: it is stored in the exercise's log.
 */
export function AnnotationsPanel({
  timeline,
  seq,
  onSeq,
  server,
}: {
  timeline: Timeline;
  seq: number;
  onSeq: (seq: number) => void;
  server: ServerLink | null;
}) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const cmd = useCommand(server?.connection ?? null);
  const [text, setText] = useState('');
  const [saved, setSaved] = useState(false);
  const list = annotationsOf(timeline);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim() || !server) return;
    const about = seq > 0 ? { about: seq } : {};
    const res = await cmd.run({ type: 'note', kind: 'annotation', text: text.trim(), ...about });
    if (!res?.ok) return;
    setText('');
    setSaved(true);
    server.reload();
  };

  return (
    <section className="panel" aria-labelledby="rp-annot">
      <h2 id="rp-annot">{t('replay.annot.title')}</h2>
      {list.length === 0 ? (
        <p className="muted">{t('replay.annot.none')}</p>
      ) : (
        <ol className="note-list">
          {list.map((n) => (
            <li key={n.seq} data-about={n.at}>
              <button type="button" onClick={() => onSeq(n.at)}>
                {t('replay.annot.about', { seq: n.at, month: timeline.monthAt(Math.max(1, n.at)) })}
              </button>{' '}
              {n.text}
            </li>
          ))}
        </ol>
      )}
      {server ? (
        <form onSubmit={add} noValidate aria-labelledby="rp-annot-add">
          <h3 id="rp-annot-add">{t('replay.annot.add', { seq })}</h3>
          <Field label={t('replay.annot.text')} hint={t('replay.annot.hint')}>
            {(p) => (
              <textarea
                {...p}
                name="annotation"
                rows={2}
                maxLength={TEXT_MAX}
                value={text}
                onChange={(e) => {
                  setText(e.target.value);
                  setSaved(false);
                }}
              />
            )}
          </Field>
          {cmd.error && <Notice kind="error">{errorText(cmd.error)}</Notice>}
          {saved && <Notice kind="ok">{t('replay.annot.saved')}</Notice>}
          <button
            type="submit"
            className="primary"
            disabled={cmd.pending || !text.trim() || !server.connection}
          >
            {t('replay.annot.save')}
          </button>
        </form>
      ) : (
        <p className="muted">{t('replay.annot.needsServer')}</p>
      )}
    </section>
  );
}
