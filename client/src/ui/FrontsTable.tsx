import type { View } from '@arsenal/shared';
import { useI18n } from '../i18n/i18n.tsx';
import type { Names } from './names.ts';

/** Each front: ground held, electronic warfare, the ratio of Blue to Red fires, forces and stock. */
export function FrontsTable({ view, names }: { view: View; names: Names }) {
  const { t, fmt } = useI18n();
  const withStock = view.fronts.some((f) => f.stock);
  return (
    <div className="table-wrap">
      <table className="fronts">
        <thead>
          <tr>
            <th scope="col">{t('front.name')}</th>
            <th scope="col" className="num">
              {t('front.territory')}
            </th>
            <th scope="col" className="num">
              {t('front.ew')}
            </th>
            <th scope="col" className="num">
              {t('front.ratio')}
            </th>
            <th scope="col" className="num">
              {t('front.forces')}
            </th>
            <th scope="col" className="num">
              {t('front.casualties')}
            </th>
            {withStock && <th scope="col">{t('front.stock')}</th>}
          </tr>
        </thead>
        <tbody>
          {view.fronts.map((f) => (
            <tr key={f.id}>
              <th scope="row">{f.name}</th>
              <td className="num">{f.territory > 0 ? `+${f.territory}` : f.territory}</td>
              <td className="num">{f.ewLevel}</td>
              <td className="num">
                {f.lastRedFires > 0 ? fmt.ratio(f.lastBlueFires / f.lastRedFires) : '—'}
              </td>
              <td className="num">
                {fmt.num(f.blueForce)} / {fmt.num(f.redForce)}
              </td>
              <td className="num">{fmt.num(f.casualties)}</td>
              {withStock && (
                <td>
                  {Object.entries(f.stock ?? {})
                    .filter(([, n]) => n > 0)
                    .map(([p, n]) => `${names.item(p)}: ${fmt.num(Math.floor(n))}`)
                    .join(', ') || '—'}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
