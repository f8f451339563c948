import { useEffect, useMemo, useRef, useState } from 'react';
import type { View } from '@arsenal/shared';
import type { Scenario } from '@arsenal/shared';
import { checkDraft } from '../../../adapters/checkOrders.ts';
import { seatLabel } from '../../../api/seats.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useCommand } from '../../../realtime/useCommand.ts';
import type { Exercise } from '../../../realtime/useExercise.ts';
import { Notice } from '../../../ui/Notice.tsx';
import { useErrorText } from '../../../ui/errors.ts';
import { namesFor } from '../../../ui/names.ts';
import { describeOrder } from './describe.ts';
import { explainProblem } from './explain.ts';
import { OrderEditor } from './OrderEditor.tsx';
import { notSent, useDraft } from './useDraft.ts';

/**
 * This month's orders: the draft with each order's cost and any refusal the engine foresees, the
 * lines that will run short of components, an editor, and the submission (which may be revised until
 * the deadline).
 */
export function OrdersPanel({
  ex,
  view,
  scenario,
  team,
}: {
  ex: Exercise;
  view: View;
  scenario: Scenario;
  team: string;
}) {
  const { t, fmt, lang } = useI18n();
  const errorText = useErrorText();
  const draft = useDraft(ex.exerciseId, team, view);
  // the White Cell is told how many orders are unsent (never which): it warns before adjudicating
  const connection = ex.connection;
  useEffect(() => connection?.reportDrafts(draft.unsent, view.month), [connection, draft.unsent, view.month]);
  const cmd = useCommand(ex.connection);
  const [editing, setEditing] = useState<number | null>(null);
  // The editor closes after each order and opens afresh (new defaults) for the next one.
  const [adding, setAdding] = useState(true);
  // keyboard focus goes back to "add another" once an order is added, not to the top of the page
  const refocus = useRef(false);
  const [added, setAdded] = useState(0);
  const names = useMemo(() => namesFor(scenario, view), [scenario, view]);
  const planning = view.phase === 'planning';
  // Once planning has closed (not merely paused), only what the server holds went through: unsent
  // changes are shown apart, marked "not sent", and cost nothing.
  const closed = !planning && view.phase !== 'paused' && view.phase !== 'lobby' && view.phase !== 'briefing';
  const unsent = closed && draft.dirty ? notSent(draft.orders, draft.submitted) : [];
  const listed = closed && draft.dirty ? draft.submitted : draft.orders;
  const check = checkDraft(scenario, view, team, listed);
  const submitted = view.teams.find((x) => x.id === team)?.submitted ?? false;
  const money = view.me?.team.money ?? 0;
  const problemText = check.problem
    ? explainProblem(check.problem, {
        orders: draft.orders,
        costs: check.costs,
        view,
        names,
        t,
        fmt,
        errorText,
      })
    : null;

  const send = async () => {
    const { orders, basedOn } = draft;
    const by = seatLabel(ex.exerciseId, `team:${team}`);
    const res = await cmd.run(
      { type: 'submitOrders', orders, basedOn, ...(by ? { by } : {}) },
      // resent after a resync only if no other device of the seat sent orders meanwhile
      (v) => (v.me?.orderSet?.seq ?? 0) === basedOn && !checkDraft(scenario, v, team, orders).problem,
    );
    if (res?.ok) draft.sent();
  };
  const sentBy = view.me?.orderSet;
  const sentText = sentBy
    ? sentBy.by
      ? t('orders.sentBy', { by: sentBy.by, time: fmt.time(sentBy.at), n: draft.submitted.length })
      : t('orders.sentAt', { time: fmt.time(sentBy.at), n: draft.submitted.length })
    : null;

  const status = unsent.length
    ? t('orders.closedUnsent', { n: unsent.length })
    : !planning
      ? t('orders.closed')
      : draft.dirty
        ? t('orders.unsent')
        : submitted
          ? t('orders.submitted')
          : t('orders.notSubmitted');

  return (
    <section className="orders" aria-labelledby="orders-title">
      <h2 id="orders-title">{t('orders.title', { month: fmt.month(view.monthLabel) })}</h2>
      <p
        className={`status ${submitted && !draft.dirty ? 'ok' : ''}`}
        role="status"
        data-submitted={submitted && !draft.dirty}
      >
        {status}
      </p>
      {sentText && (
        <p className="muted small" data-order-set={sentBy?.seq}>
          {sentText}
        </p>
      )}
      {draft.stale && (
        <Notice kind="warn">
          <p>{t('orders.stale')}</p>
          <ul className="stale-set">
            {draft.submitted.length === 0 ? (
              <li>{t('orders.empty')}</li>
            ) : (
              draft.submitted.map((o, i) => (
                <li key={i}>{describeOrder(o, scenario, names, lang, fmt, view)}</li>
              ))
            )}
          </ul>
          <div className="row wrap">
            <button type="button" onClick={draft.reset}>
              {t('orders.takeTheirs')}
            </button>
            <button type="button" onClick={draft.rebase}>
              {t('orders.keepMine')}
            </button>
          </div>
        </Notice>
      )}
      <div className="budget" aria-live="polite">
        <span>{t('orders.total', { total: fmt.money(check.total) })}</span>
        <span>{t('orders.cash', { money: fmt.money(money) })}</span>
        <span className={check.total > money ? 'bad' : ''}>
          {t('orders.left', { left: fmt.money(money - check.total) })}
        </span>
      </div>

      {listed.length === 0 ? (
        <p className="muted">{t('orders.empty')}</p>
      ) : (
        <ol className="order-list">
          {listed.map((o, i) => {
            const bad = check.problem?.index === i;
            return (
              <li key={i} className={bad ? 'bad' : ''} aria-invalid={bad || undefined}>
                {editing === i ? (
                  <OrderEditor
                    scenario={scenario}
                    view={view}
                    team={team}
                    orders={draft.orders}
                    editing={i}
                    onSave={(order) => {
                      draft.set(draft.orders.map((x, j) => (j === i ? order : x)));
                      setEditing(null);
                    }}
                    onCancel={() => setEditing(null)}
                  />
                ) : (
                  <>
                    <span className="what">{describeOrder(o, scenario, names, lang, fmt, view)}</span>
                    <span className="cost">{fmt.money(check.costs[i] ?? 0)}</span>
                    {planning && (
                      <span className="row">
                        <button
                          type="button"
                          onClick={() => setEditing(i)}
                          aria-label={t('orders.editN', { n: i + 1 })}
                        >
                          {t('form.edit')}
                        </button>
                        <button
                          type="button"
                          onClick={() => draft.set(draft.orders.filter((_, j) => j !== i))}
                          aria-label={t('orders.removeN', { n: i + 1 })}
                        >
                          {t('form.remove')}
                        </button>
                      </span>
                    )}
                    {bad && (
                      <p className="error" data-code={check.problem?.code}>
                        {problemText}
                      </p>
                    )}
                  </>
                )}
              </li>
            );
          })}
        </ol>
      )}

      {unsent.length > 0 && (
        <>
          <h3>{t('orders.notSentTitle')}</h3>
          <ul className="order-list not-sent">
            {unsent.map((o, i) => (
              <li key={i} data-sent="false">
                <span className="what">{describeOrder(o, scenario, names, lang, fmt, view)}</span>
                <span className="tag">{t('orders.notSent')}</span>
              </li>
            ))}
          </ul>
        </>
      )}

      {check.shortfalls.length > 0 && (
        <Notice kind="warn">
          <p>{t('orders.shortTitle')}</p>
          <ul>
            {check.shortfalls.map((s, i) => (
              <li key={i}>
                {t('orders.short', {
                  line: s.line,
                  plant: s.plant,
                  item: s.item,
                  need: fmt.num(s.need),
                  have: fmt.num(s.have),
                })}
              </li>
            ))}
          </ul>
        </Notice>
      )}

      {planning &&
        editing === null &&
        (adding ? (
          <section className="add-order" aria-labelledby="add-order-title">
            <h3 id="add-order-title">{t('orders.new')}</h3>
            <OrderEditor
              key={added}
              scenario={scenario}
              view={view}
              team={team}
              orders={draft.orders}
              editing={null}
              onSave={(order) => {
                draft.set([...draft.orders, order]);
                setAdded((n) => n + 1);
                refocus.current = true;
                setAdding(false);
              }}
              onCancel={draft.orders.length ? () => setAdding(false) : undefined}
            />
          </section>
        ) : (
          <button
            type="button"
            onClick={() => setAdding(true)}
            ref={(el) => {
              if (el && refocus.current) el.focus();
              refocus.current = false;
            }}
          >
            {t('orders.addAnother')}
          </button>
        ))}

      {cmd.error && <Notice kind="error">{errorText(cmd.error)}</Notice>}
      {planning && (
        <div className="row submit">
          <button
            type="button"
            className="primary"
            onClick={() => void send()}
            disabled={cmd.pending || !!check.problem || draft.stale}
          >
            {cmd.pending
              ? t('orders.sending')
              : submitted
                ? t('orders.resubmit', { n: draft.orders.length })
                : t('orders.submit', { n: draft.orders.length })}
          </button>
          {draft.dirty && (
            <button type="button" onClick={draft.reset}>
              {t('orders.discard')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
