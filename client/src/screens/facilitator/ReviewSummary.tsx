import { useState } from 'react';
import type { NewsEvent, View } from '@arsenal/shared';
import type { DraftCounts } from '@arsenal/shared/protocol';
import { useI18n, type T } from '../../i18n/i18n.tsx';
import type { Names } from '../../ui/names.ts';
import { NewsList } from '../common/NewsList.tsx';
import './cockpit.css';

/** Human teams that had not sent orders when the month was adjudicated (the submitted list lasts until publication). */
export const missingTeams = (view: View) => view.teams.filter((t) => !t.bot && !t.submitted);

/**
 * Human teams with unsent draft orders this month on some device, with the most any one device holds
 * (the count the devices report; the orders themselves never leave them). `when`: now, or as it stood
 * when the month was adjudicated (the server keeps that moment's counts; after a restart it has only
 * today's, which then stand in).
 */
export function draftTeams(
  view: View,
  drafts: DraftCounts | null,
  when: 'now' | 'adjudicated' = 'now',
): { id: string; name: string; n: number }[] {
  if (!drafts || drafts.month !== view.month) return [];
  const counts = (when === 'adjudicated' && drafts.adjudicated) || drafts.teams;
  return view.teams
    .filter((x) => !x.bot && (counts[x.id] ?? 0) > 0)
    .map((x) => ({ id: x.id, name: x.name, n: counts[x.id]! }));
}

/** "AutoCo (2 orders), DGA (1 order)". */
export const draftList = (t: T, list: readonly { name: string; n: number }[]) =>
  list.map((x) => t('drafts.team', { team: x.name, n: x.n })).join(', ');

/**
 * The question asked before adjudicating: which human teams have not sent their orders yet, and which
 * have unsent drafts (which will not count).
 */
export function adjudicateQuestion(t: T, view: View, drafts: DraftCounts | null): string {
  const missing = missingTeams(view);
  const drafted = draftTeams(view, drafts);
  const question = missing.length
    ? t('revx.confirmAdjudicateMissing', { month: view.month, teams: missing.map((m) => m.name).join(', ') })
    : t('revx.confirmAdjudicate', { month: view.month });
  return drafted.length
    ? `${question} ${t('revx.confirmDrafts', { teams: draftList(t, drafted) })}`
    : question;
}

/**
 * The review's per-team and per-product figures, before and after the month, with what fell short
 * marked: money or political capital down, objectives lost, deliveries under demand.
 */
export function ReviewSummary({
  view,
  names,
  drafts,
}: {
  view: View;
  names: Names;
  drafts: DraftCounts | null;
}) {
  const { t, fmt } = useI18n();
  const r = view.review;
  if (!r) return null;
  const missing = missingTeams(view);
  const drafted = draftTeams(view, drafts, 'adjudicated');
  const byDeadline = r.adjudicated?.by === 'deadline' ? r.adjudicated : null;
  const rows: ['money' | 'politicalCapital' | 'score', (n: number) => string][] = [
    ['money', fmt.money],
    ['politicalCapital', fmt.num],
    ['score', fmt.num],
  ];
  const products = r.production
    ? Object.keys(r.production.demand).filter((p) => r.production!.demand[p]! > 0)
    : [];
  return (
    <div className="review-summary">
      {byDeadline && (
        <p className="notice notice-info" data-adjudicated="deadline">
          {t('revx.byDeadline', { time: fmt.time(byDeadline.at), month: r.month })}
        </p>
      )}
      {missing.length > 0 && (
        <p className="notice notice-warn" data-missing={missing.map((m) => m.id).join(' ')}>
          {t('revx.missing', { teams: missing.map((m) => m.name).join(', ') })}
        </p>
      )}
      {drafted.length > 0 && (
        <p className="notice notice-warn" data-drafts={drafted.map((m) => m.id).join(' ')}>
          {t('revx.drafts', { teams: draftList(t, drafted) })}
        </p>
      )}
      <table className="review-teams">
        <caption>{t('revx.teams')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('grid.team')}</th>
            {rows.map(([k]) => (
              <th scope="col" className="num" key={k}>
                {t(`revx.${k}`)}
              </th>
            ))}
            <th scope="col" className="num">
              {t('revx.objectives')}
            </th>
            <th scope="col">{t('revx.made')}</th>
            <th scope="col" className="num">
              {t('revx.shipped')}
            </th>
            <th scope="col">{t('revx.stock')}</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(r.teams).map(([id, { before, after, month }]) => (
            <tr key={id} data-team={id}>
              <th scope="row">{names.team(id)}</th>
              {rows.map(([k, f]) => (
                <Change key={k} before={before[k]} after={after[k]} format={f} what={k} />
              ))}
              <Change
                before={before.objectivesMet}
                after={after.objectivesMet}
                format={(n) => `${fmt.num(n)}/${after.objectives}`}
                what="objectives"
              />
              <td data-figure="made">
                <ItemList items={Object.entries(month.made).map(([p, n]) => [p, fmt.num(n)])} names={names} />
              </td>
              <Shipped due={month.due} delivered={month.delivered} />
              <td data-figure="stock">
                <ItemList
                  items={[...new Set([...Object.keys(before.stock), ...Object.keys(after.stock)])].map(
                    (item) => [
                      item,
                      `${fmt.num(before.stock[item] ?? 0)} → ${fmt.num(after.stock[item] ?? 0)}`,
                    ],
                  )}
                  names={names}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.production && products.length > 0 && (
        <table className="review-production">
          <caption>{t('revx.production')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('revx.product')}</th>
              <th scope="col" className="num">
                {t('revx.output')}
              </th>
              <th scope="col" className="num">
                {t('revx.delivered')}
              </th>
              <th scope="col" className="num">
                {t('revx.demand')}
              </th>
            </tr>
          </thead>
          <tbody>
            {products.map((p) => {
              const delivered = r.production!.deliveredToFronts[p] ?? 0;
              const demand = r.production!.demand[p] ?? 0;
              const short = delivered < demand;
              return (
                <tr key={p} data-product={p} className={short ? 'shortfall' : ''} data-short={short}>
                  <th scope="row">{names.product(p)}</th>
                  <td className="num">{fmt.num(r.production!.output[p] ?? 0)}</td>
                  <td className="num">{fmt.num(delivered)}</td>
                  <td className="num">
                    {fmt.num(demand)}
                    {short && <span className="visually-hidden"> {t('revx.short')}</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** "before → after", marked when it fell. */
function Change({
  before,
  after,
  format,
  what,
}: {
  before: number;
  after: number;
  format: (n: number) => string;
  what: string;
}) {
  const { t } = useI18n();
  const fell = after < before;
  return (
    <td className={`num${fell ? ' shortfall' : ''}`} data-figure={what} data-fell={fell}>
      {format(before)} → {format(after)}
      {fell && <span className="visually-hidden"> {t('revx.down')}</span>}
    </td>
  );
}

/** Units shipped on the team's contracts against units due that month, marked when short. */
function Shipped({ due, delivered }: { due: number; delivered: number }) {
  const { t, fmt } = useI18n();
  const short = delivered < due;
  return (
    <td className={`num${short ? ' shortfall' : ''}`} data-figure="shipped" data-short={short}>
      {due > 0 ? `${fmt.num(delivered)} / ${fmt.num(due)}` : '—'}
      {short && <span className="visually-hidden"> {t('revx.short')}</span>}
    </td>
  );
}

/** "155 mm shells 1,200; Chorus 40", one item a line; a dash when there is none. */
function ItemList({ items, names }: { items: [string, string][]; names: Names }) {
  if (items.length === 0) return <>—</>;
  return (
    <ul className="review-items">
      {items.map(([item, text]) => (
        <li key={item} data-item={item}>
          {names.item(item)} {text}
        </li>
      ))}
    </ul>
  );
}

/** The month's narration, for every team or one (the events addressed to it or naming it). */
export function NarrationByTeam({ news, view, names }: { news: NewsEvent[]; view: View; names: Names }) {
  const { t } = useI18n();
  const [team, setTeam] = useState('');
  const concerns = (e: NewsEvent) => e.to?.includes(team) || Object.values(e.data ?? {}).includes(team);
  const shown = team ? news.filter(concerns) : news;
  return (
    <>
      <label className="narration-filter">
        {t('revx.filter')}{' '}
        <select name="narration-team" value={team} onChange={(e) => setTeam(e.target.value)}>
          <option value="">{t('revx.allTeams')}</option>
          {view.teams.map((x) => (
            <option key={x.id} value={x.id}>
              {names.team(x.id)}
            </option>
          ))}
        </select>
      </label>
      <NewsList news={shown} names={names} />
    </>
  );
}
