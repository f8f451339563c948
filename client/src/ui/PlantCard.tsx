import type { PlantRuntime } from '@arsenal/shared';
import type { View } from '@arsenal/shared';
import { rampLength } from '@arsenal/shared';
import type { Scenario } from '@arsenal/shared';
import { useI18n } from '../i18n/i18n.tsx';
import { namesFor } from './names.ts';

/** A plant's lines: state, product, ramp progress, last month's output and what held it back. */
export function PlantCard({
  plant,
  scenario,
  view,
  owner,
}: {
  plant: PlantRuntime;
  scenario: Scenario | null;
  view: View;
  owner?: string;
}) {
  const { t, fmt } = useI18n();
  const names = namesFor(scenario, view);
  const trainees = plant.trainees.reduce((n, x) => n + x.count, 0);
  const rampOf = (template: string | null) => rampLength(scenario?.templates.find((x) => x.id === template));
  return (
    <section className="panel plant" aria-label={plant.name}>
      <h2>
        {plant.name}
        {owner && <span className="muted"> · {owner}</span>}
      </h2>
      <p className="muted">
        {t('plant.workforce', { skilled: fmt.num(plant.skilled), convertible: fmt.num(plant.convertible) })}
        {trainees > 0 && ` · ${t('plant.trainees', { n: fmt.num(trainees) })}`}
        {plant.timesHit > 0 && ` · ${t('plant.hit', { n: plant.timesHit })}`}
      </p>
      <div className="table-wrap">
        <table className="lines">
          <thead>
            <tr>
              <th scope="col">{t('line.name')}</th>
              <th scope="col">{t('line.state')}</th>
              <th scope="col">{t('line.product')}</th>
              <th scope="col" className="num">
                {t('line.nameplate')}
              </th>
              <th scope="col">{t('line.rampCol')}</th>
              <th scope="col" className="num">
                {t('line.output')}
              </th>
              <th scope="col">{t('line.limitedBy')}</th>
            </tr>
          </thead>
          <tbody>
            {plant.lines.map((l) => {
              const steps = rampOf(l.template);
              const product = l.product ?? l.target;
              return (
                <tr key={l.id} data-line={l.id} data-state={l.state}>
                  <th scope="row">{l.name}</th>
                  <td>
                    <span className={`state state-${l.state}`}>{t(`line.${l.state}`)}</span>
                    {l.monthsLeft > 0 && (
                      <span className="muted"> · {t('line.monthsLeft', { n: l.monthsLeft })}</span>
                    )}
                  </td>
                  <td>{product ? names.product(product) : t('line.civilProduct')}</td>
                  <td className="num">{fmt.num(l.nameplate)}</td>
                  <td>
                    {l.state === 'ramp' && steps > 0 ? (
                      <progress
                        max={steps}
                        value={l.rampStep}
                        aria-label={t('line.rampOf', { step: l.rampStep, steps })}
                      >
                        {l.rampStep}/{steps}
                      </progress>
                    ) : l.state === 'rate' ? (
                      t('line.full')
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className="num">
                    {fmt.num(l.lastOutput)}
                    {l.outputMode === 'toOrders' && (
                      <span className="muted"> · {t('outputMode.toOrders')}</span>
                    )}
                  </td>
                  <td>{l.limitedBy ?? '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
