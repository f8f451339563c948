import { useState } from 'react';
import type { SeatKey } from '@arsenal/shared/protocol';
import { loadCreated, updateCode } from '../../api/seats.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCommand } from '../../realtime/useCommand.ts';
import type { Exercise } from '../../realtime/useExercise.ts';
import { Notice } from '../../ui/Notice.tsx';
import { useErrorText } from '../../ui/errors.ts';
import { QrCode } from '../home/QrCode.tsx';
import { joinUrl } from '../home/SeatCodes.tsx';

/** The seat's join code as this device last recorded it (the server keeps only its hash). */
export function codeOf(exerciseId: string, seat: SeatKey): { code: string; joinLink: string } | null {
  const papers = loadCreated(exerciseId);
  if (!papers) return null;
  const code =
    seat === 'observer' || seat === 'display'
      ? papers.codes[seat]
      : seat.startsWith('team:')
        ? papers.codes.teams[seat.slice(5)]
        : undefined;
  return code ? { code, joinLink: papers.joinLink } : null;
}

/**
 * One seat's join-code actions, with their outcome shown right here: issue a new code (shown at once
 * with its QR code), show the current code again, print this seat's card alone, revoke its tokens;
 * a team seat can also be handed to a bot.
 */
export function SeatActions({
  ex,
  seat,
  name,
  team,
}: {
  ex: Exercise;
  seat: SeatKey;
  name: string;
  /** A team seat can also be handed to a bot and taken back. */
  team?: { id: string; bot: boolean };
}) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const cmd = useCommand(ex.connection);
  const [shown, setShown] = useState(false);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = shown ? codeOf(ex.exerciseId, seat) : null;

  const act = async (run: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setNote(null);
    cmd.clear();
    await run();
    setBusy(false);
  };
  const rotate = () =>
    act(async () => {
      if (!ex.connection) return;
      const res = await ex.connection.rotateCode({ seat });
      if (!res.ok) return setError(errorText(res));
      if (!('code' in res)) return;
      updateCode(ex.exerciseId, seat, res.code);
      setShown(true);
      setNote(t('grid.newCode', { team: name, code: res.code }));
    });
  const revoke = () =>
    act(async () => {
      if (!ex.connection || !window.confirm(t('grid.revokeConfirm', { team: name }))) return;
      const res = await ex.connection.revoke({ seat });
      if (!res.ok) return setError(errorText(res));
      setNote(t('grid.revoked', { n: 'revoked' in res ? res.revoked : 0, team: name }));
    });

  return (
    <div className="seat-actions" data-seat={seat}>
      <div className="row wrap">
        {team && (
          <button
            type="button"
            disabled={cmd.pending}
            onClick={() => void cmd.run({ type: 'setBot', team: team.id, bot: !team.bot })}
          >
            {team.bot ? t('grid.takeBack') : t('grid.toBot')}
          </button>
        )}
        <button type="button" disabled={busy} onClick={() => void rotate()}>
          {t('grid.rotate')}
        </button>
        <button type="button" aria-expanded={shown} onClick={() => setShown((s) => !s)}>
          {shown ? t('grid.hideCode') : t('grid.showCode')}
        </button>
        <a
          className="button"
          href={`/x/${ex.exerciseId}/sheet?seat=${encodeURIComponent(seat)}`}
          target="_blank"
          rel="noopener"
          aria-label={t('grid.printCardOf', { team: name })}
        >
          {t('grid.printCard')}
        </a>
        <button type="button" className="danger" disabled={busy} onClick={() => void revoke()}>
          {t('grid.revoke')}
        </button>
      </div>
      {shown &&
        (current ? (
          <div className="seat-code inline" data-code={current.code}>
            <QrCode
              text={joinUrl(current, current.code)}
              label={t('seat.qrFor', { seat: name })}
              size={112}
            />
            <p className="code">{current.code}</p>
          </div>
        ) : (
          <p className="muted small">{t('grid.codeUnknown')}</p>
        ))}
      {note && <Notice kind="ok">{note}</Notice>}
      {(error || cmd.error) && <Notice kind="error">{error ?? errorText(cmd.error!)}</Notice>}
    </div>
  );
}
