import { useState, type FormEvent } from 'react';
import { normaliseJoinCode } from '@arsenal/shared/protocol';
import type { Joined } from '@arsenal/shared/protocol';
import { api } from '../../api/http.ts';
import { saveToken } from '../../api/seats.ts';
import { navigate, type Route } from '../../navigation/routes.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Field } from '../../ui/Field.tsx';
import { useErrorText } from '../../ui/errors.ts';

/** Where a seat lands after joining. */
export function routeOfSeat(joined: Pick<Joined, 'exerciseId' | 'seat'>): Route {
  const { exerciseId, seat } = joined;
  return seat.role === 'team'
    ? { page: 'team', exerciseId, team: seat.team }
    : { page: seat.role, exerciseId };
}

/** Exchange a join code (typed, or from a QR code's link) for a seat token kept on this device. */
export function JoinForm({ initialCode = '' }: { initialCode?: string }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [code, setCode] = useState(initialCode);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const canonical = normaliseJoinCode(code);
    if (!canonical) return setError(t('join.badFormat'));
    setPending(true);
    setError(null);
    const res = await api.join(canonical, name.trim() || undefined);
    setPending(false);
    if (!res.ok) return setError(errorText(res));
    saveToken(res.exerciseId, res.seatKey, res.token, name.trim() || res.seatKey);
    navigate(routeOfSeat(res));
  };

  return (
    <form className="join-form" onSubmit={submit} noValidate>
      <Field label={t('join.code')} hint={t('join.codeHint')} error={error}>
        {(p) => (
          <input
            {...p}
            name="code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            className="code-input"
            placeholder="K7M2-Q9XW-4TRH"
            required
          />
        )}
      </Field>
      <Field label={t('join.name')} hint={t('join.nameHint')}>
        {(p) => (
          <input
            {...p}
            name="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={60}
            autoComplete="name"
          />
        )}
      </Field>
      <button type="submit" className="primary" disabled={pending}>
        {pending ? t('join.joining') : t('join.submit')}
      </button>
    </form>
  );
}
