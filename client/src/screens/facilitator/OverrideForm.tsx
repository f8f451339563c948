import { useState, type FormEvent } from 'react';
import type { View } from '@arsenal/shared';
import { TEXT_MAX, type FacilitatorCommand } from '@arsenal/shared';
import type { Scenario } from '@arsenal/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import { Field } from '../../ui/Field.tsx';

type Override = Extract<FacilitatorCommand, { type: 'override' }>;
type Kind = Override['target']['kind'];
const KINDS: Kind[] = ['money', 'stock', 'territory', 'ewLevel', 'force', 'politicalCapital'];
const TEAM_KINDS = new Set<Kind>(['money', 'stock', 'politicalCapital']);

/** Set one adjudicated figure by hand. A reason is required: it goes into the log and the report. */
export function OverrideForm({
  view,
  scenario,
  pending,
  onSend,
}: {
  view: View;
  scenario: Scenario | null;
  pending: boolean;
  onSend: (o: Override) => Promise<boolean>;
}) {
  const { t, fmt } = useI18n();
  const [kind, setKind] = useState<Kind>('money');
  const [team, setTeam] = useState(view.teams[0]?.id ?? '');
  const [front, setFront] = useState(view.fronts[0]?.id ?? '');
  const [item, setItem] = useState(scenario?.products[0]?.id ?? '');
  const [side, setSide] = useState<'blue' | 'red'>('blue');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [tell, setTell] = useState<'team' | 'all'>('team');
  const [tried, setTried] = useState(false);

  const target = ((): Override['target'] => {
    switch (kind) {
      case 'money':
      case 'politicalCapital':
        return { kind, team };
      case 'stock':
        return { kind, team, item };
      case 'territory':
      case 'ewLevel':
        return { kind, front };
      case 'force':
        return { kind, front, side };
    }
  })();
  const adjudicated =
    kind === 'money'
      ? view.review?.money[team]
      : kind === 'territory'
        ? view.review?.territory[front]
        : undefined;
  const n = Number(value);
  const valueError = value.trim() === '' || !Number.isFinite(n) ? t('ovr.valueNeeded') : null;
  const reasonError = reason.trim().length < 3 ? t('ovr.reasonNeeded') : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (valueError || reasonError) return;
    const told = TEAM_KINDS.has(kind) && tell === 'all' ? { tell } : {};
    if (await onSend({ type: 'override', target, value: n, reason: reason.trim(), ...told })) {
      setValue('');
      setReason('');
      setTried(false);
    }
  };

  return (
    <form className="override-form" onSubmit={submit} noValidate aria-labelledby="ovr-title">
      <h3 id="ovr-title">{t('ovr.title')}</h3>
      <div className="fields">
        <Field label={t('ovr.kind')}>
          {(p) => (
            <select {...p} name="kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`ovr.kind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {TEAM_KINDS.has(kind) ? (
          <Field label={t('ovr.team')}>
            {(p) => (
              <select {...p} name="team" value={team} onChange={(e) => setTeam(e.target.value)}>
                {view.teams.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : (
          <Field label={t('ovr.front')}>
            {(p) => (
              <select {...p} name="front" value={front} onChange={(e) => setFront(e.target.value)}>
                {view.fronts.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {kind === 'stock' && (
          <Field label={t('ovr.item')}>
            {(p) => (
              <select {...p} name="item" value={item} onChange={(e) => setItem(e.target.value)}>
                {[...(scenario?.products ?? []), ...(scenario?.components ?? [])].map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {kind === 'force' && (
          <Field label={t('ovr.side')}>
            {(p) => (
              <select
                {...p}
                name="side"
                value={side}
                onChange={(e) => setSide(e.target.value as 'blue' | 'red')}
              >
                <option value="blue">{t('ovr.blue')}</option>
                <option value="red">{t('ovr.red')}</option>
              </select>
            )}
          </Field>
        )}
        <Field
          label={t('ovr.value')}
          error={tried ? valueError : null}
          hint={
            adjudicated !== undefined
              ? t('ovr.adjudicated', {
                  value: kind === 'money' ? fmt.moneyFull(adjudicated) : fmt.num(adjudicated),
                })
              : undefined
          }
        >
          {(p) => (
            <input
              {...p}
              name="value"
              type="number"
              step="any"
              value={value}
              onChange={(e) => setValue(e.target.value)}
            />
          )}
        </Field>
      </div>
      <Field label={t('ovr.reason')} hint={t('ovr.reasonHint')} error={tried ? reasonError : null}>
        {(p) => (
          <textarea
            {...p}
            name="reason"
            rows={2}
            maxLength={TEXT_MAX}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
          />
        )}
      </Field>
      {TEAM_KINDS.has(kind) ? (
        <Field label={t('ovr.tell')}>
          {(p) => (
            <select
              {...p}
              name="tell"
              value={tell}
              onChange={(e) => setTell(e.target.value as 'team' | 'all')}
            >
              <option value="team">{t('ovr.tell.team')}</option>
              <option value="all">{t('ovr.tell.all')}</option>
            </select>
          )}
        </Field>
      ) : (
        <p className="hint">{t('ovr.tellFront')}</p>
      )}
      <button type="submit" disabled={pending}>
        {t('ovr.send')}
      </button>
    </form>
  );
}
