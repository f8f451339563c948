import type { View } from '@arsenal/shared';
import type { Scenario } from '@arsenal/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import { PageLabel } from './PageLabel.tsx';
import { usePages } from './usePages.ts';

/**
 * The room's last screen, in place of "who has submitted" once the exercise has finished: over the
 * whole exercise, what reached the fronts against what they asked for, product by product. Public
 * figures only, as the rest of the display.
 */
export function SupplyOutcome({ view, name }: { view: View; name: (id: string) => string }) {
  const { t, fmt } = useI18n();
  const totals = new Map<string, { demand: number; delivered: number }>();
  for (const h of view.history)
    for (const [p, demand] of Object.entries(h.demand)) {
      if (!(demand > 0)) continue;
      const x = totals.get(p) ?? { demand: 0, delivered: 0 };
      x.demand += demand;
      x.delivered += h.deliveredToFronts[p] ?? 0;
      totals.set(p, x);
    }
  const rows = [...totals.entries()];
  const pages = usePages(rows, 4);
  return (
    <section className="display-outcome" aria-labelledby="disp-outcome" data-final="true">
      <h2 id="disp-outcome">
        {t('disp.outcome', { months: view.history.length })} <PageLabel label={pages.label} />
      </h2>
      {rows.length === 0 ? (
        <p className="muted">{t('disp.productionNone')}</p>
      ) : (
        <ul className="outcome-list">
          {pages.shown.map(([p, x]) => (
            <li key={p} data-product={p}>
              <strong>{name(p)}</strong>{' '}
              <span className={x.delivered >= x.demand ? 'ok' : 'bad'}>
                {t('disp.outcomeLine', {
                  delivered: fmt.num(x.delivered),
                  demand: fmt.num(x.demand),
                  pct: fmt.pct(x.delivered / x.demand),
                })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Ground held on a front since the exercise began (the scenario's opening line, else the first month's). */
export function groundSinceStart(view: View, scenario: Scenario | null, front: string): number | null {
  const start =
    scenario?.fronts.find((f) => f.id === front)?.territory.value ?? view.history[0]?.territory[front];
  const now = view.fronts.find((f) => f.id === front)?.territory;
  return start === undefined || now === undefined ? null : now - start;
}
