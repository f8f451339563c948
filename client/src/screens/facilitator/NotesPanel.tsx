import { useState, type FormEvent } from 'react';
import type { View } from '@arsenal/shared';
import { TEXT_MAX, type SocialCommand } from '@arsenal/shared';
import type { Scenario } from '@arsenal/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCommand } from '../../realtime/useCommand.ts';
import type { Exercise } from '../../realtime/useExercise.ts';
import { Field } from '../../ui/Field.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { useErrorText } from '../../ui/errors.ts';
import { namesFor } from '../../ui/names.ts';

type NoteKind = Extract<SocialCommand, { type: 'note' }>['kind'];

/**
 * Notes kept in the log for the after-action report, tied to the month and, if chosen, to a team or an
 * inject. The facilitator writes notes and annotations; observers write insights.
 */
export function NotesPanel({
  ex,
  view,
  scenario,
  author,
}: {
  ex: Exercise;
  view: View;
  scenario: Scenario | null;
  author: 'facilitator' | 'observer';
}) {
  const { t, fmt, text: local } = useI18n();
  const errorText = useErrorText();
  const cmd = useCommand(ex.connection);
  const names = namesFor(scenario, view);
  const kinds: NoteKind[] = author === 'observer' ? ['insight'] : ['note', 'annotation'];
  const [kind, setKind] = useState<NoteKind>(kinds[0]!);
  const [team, setTeam] = useState('');
  const [inject, setInject] = useState('');
  const [text, setText] = useState('');
  const injects = scenario?.injects ?? [];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    const res = await cmd.run({
      type: 'note',
      kind,
      text: text.trim(),
      ...(team ? { team } : {}),
      ...(inject ? { inject } : {}),
    });
    if (res?.ok) setText('');
  };

  return (
    <section className="notes" aria-labelledby="notes-title">
      <h2 id="notes-title">{author === 'observer' ? t('notes.insights') : t('notes.title')}</h2>
      <form onSubmit={submit} className="panel" noValidate>
        <div className="fields">
          {kinds.length > 1 && (
            <Field label={t('notes.kind')}>
              {(p) => (
                <select {...p} value={kind} onChange={(e) => setKind(e.target.value as NoteKind)}>
                  {kinds.map((k) => (
                    <option key={k} value={k}>
                      {t(`notes.kind.${k}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <Field label={t('notes.team')}>
            {(p) => (
              <select {...p} value={team} onChange={(e) => setTeam(e.target.value)}>
                <option value="">{t('form.none')}</option>
                {view.teams.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('notes.inject')}>
            {(p) => (
              <select {...p} value={inject} onChange={(e) => setInject(e.target.value)}>
                <option value="">{t('form.none')}</option>
                {injects.map((x) => (
                  <option key={x.id} value={x.id}>
                    {local(x.title)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field label={t('notes.text')} hint={t('notes.hint', { month: view.month })}>
          {(p) => (
            <textarea
              {...p}
              name="note"
              rows={3}
              maxLength={TEXT_MAX}
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          )}
        </Field>
        {cmd.error && <Notice kind="error">{errorText(cmd.error)}</Notice>}
        <button type="submit" disabled={cmd.pending || !text.trim()}>
          {t('notes.add')}
        </button>
      </form>
      {view.notes.length === 0 ? (
        <p className="muted">{t('notes.none')}</p>
      ) : (
        <ol className="note-list" aria-label={t('notes.title')} tabIndex={0}>
          {[...view.notes].reverse().map((n) => (
            <li key={n.seq} data-kind={n.kind}>
              <p className="meta">
                <span className="tag">{t(`notes.kind.${n.kind}`)}</span> {t(`notes.by.${n.by}`)} ·{' '}
                {t('msg.month', { month: n.month })} · {fmt.time(n.at)}
                {n.team && ` · ${names.team(n.team)}`}
                {n.inject &&
                  ` · ${local(scenario?.injects.find((x) => x.id === n.inject)?.title) || n.inject}`}
              </p>
              <p>{n.text}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
