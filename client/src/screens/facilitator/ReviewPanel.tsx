import type { View } from '@arsenal/shared';
import type { Scenario } from '@arsenal/shared';
import { labelOr, useI18n } from '../../i18n/i18n.tsx';
import { useCommand } from '../../realtime/useCommand.ts';
import type { Exercise } from '../../realtime/useExercise.ts';
import { Notice } from '../../ui/Notice.tsx';
import { useErrorText } from '../../ui/errors.ts';
import { namesFor, type Names } from '../../ui/names.ts';
import { OverrideForm } from './OverrideForm.tsx';
import { NarrationByTeam, ReviewSummary } from './ReviewSummary.tsx';

/**
 * The adjudicated month before the teams see it: its narration, money and ground before and after,
 * the overrides made so far; then override a figure (with a reason) or publish.
 */
export function ReviewPanel({
  ex,
  view,
  scenario,
  readOnly = false,
}: {
  ex: Exercise;
  view: View;
  scenario: Scenario | null;
  readOnly?: boolean;
}) {
  const { t, fmt } = useI18n();
  const errorText = useErrorText();
  const cmd = useCommand(ex.connection);
  const names = namesFor(scenario, view);
  const r = view.review;
  const overrides = view.overrides.filter((o) => o.month === view.month);
  if (!r)
    return (
      <section aria-labelledby="rev-title">
        <h2 id="rev-title">{t('rev.title')}</h2>
        <p className="muted">{t('rev.nothing')}</p>
        <Overrides list={view.overrides} names={names} />
      </section>
    );
  return (
    <section className="review" aria-labelledby="rev-title">
      <h2 id="rev-title">{t('rev.month', { month: r.month })}</h2>
      <ReviewSummary view={view} names={names} drafts={ex.snap.drafts} />
      <div className="cols">
        <BeforeAfter
          caption={t('rev.money')}
          head={t('grid.team')}
          rows={Object.entries(r.money).map(([id, after]) => [
            names.team(id),
            fmt.money(view.all?.teams[id]?.money ?? 0),
            fmt.money(after),
          ])}
        />
        <BeforeAfter
          caption={t('rev.territory')}
          head={t('front.name')}
          rows={Object.entries(r.territory).map(([id, after]) => [
            names.front(id),
            view.fronts.find((f) => f.id === id)?.territory ?? '—',
            after,
          ])}
        />
      </div>
      <h3>{t('rev.news')}</h3>
      <NarrationByTeam news={r.news} view={view} names={names} />
      <Overrides list={overrides} names={names} />
      {!readOnly && (
        <>
          <OverrideForm
            view={view}
            scenario={scenario}
            pending={cmd.pending}
            onSend={async (o) => !!(await cmd.run(o))?.ok}
          />
          {cmd.error && <Notice kind="error">{errorText(cmd.error)}</Notice>}
          <button
            type="button"
            className="primary big"
            disabled={cmd.pending}
            onClick={() => {
              if (window.confirm(t('revx.confirmPublish', { month: r.month })))
                void cmd.run({ type: 'publish' });
            }}
            data-command="publish-review"
          >
            {t('rev.publish')}
          </button>
        </>
      )}
    </section>
  );
}

/** A figure per team or front, before and after the adjudicated month. */
function BeforeAfter({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: string;
  rows: [string, string | number, string | number][];
}) {
  const { t } = useI18n();
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          <th scope="col" className="num">
            {t('rev.before')}
          </th>
          <th scope="col" className="num">
            {t('rev.after')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([name, before, after]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td className="num">{before}</td>
            <td className="num">{after}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** `money:autoco` → "cash of AutoCo"; `force:east:red` → "force of Eastern sector (Red)". */
function useTargetText(names: Names): (target: string) => string {
  const { t } = useI18n();
  return (target) => {
    const [kind = '', a = '', b] = target.split(':');
    const what = labelOr(t, `ovr.kind.${kind}`, kind);
    const team = kind === 'money' || kind === 'politicalCapital' || kind === 'stock';
    const whose = team ? names.team(a) : names.front(a);
    const extra = b ? ` (${kind === 'stock' ? names.item(b) : labelOr(t, `ovr.${b}`, b)})` : '';
    return `${t('rev.targetOf', { what, whose })}${extra}`;
  };
}

function Overrides({ list, names }: { list: View['overrides']; names: Names }) {
  const { t, fmt } = useI18n();
  const targetText = useTargetText(names);
  if (!list.length) return null;
  return (
    <>
      <h3>{t('rev.overrides')}</h3>
      <ul className="overrides">
        {list.map((o) => {
          const figure = o.target.startsWith('money:') ? fmt.money : fmt.figure;
          return (
            <li key={o.seq} data-target={o.target}>
              {t('rev.override', {
                target: targetText(o.target),
                from: figure(o.adjudicated),
                to: figure(o.to),
                month: o.month,
              })}
              , <q>{o.reason}</q>
            </li>
          );
        })}
      </ul>
    </>
  );
}
