import { pickText } from '../schema/text.ts';
import type { LoggedCommand } from '../exercise/types.ts';
import type { Scenario } from '../schema/scenario.ts';
import { indexOf } from '../engine/lookup.ts';

/** A log entry for a timeline row: who, what (the command type, for a translated label) and a detail. */
export interface EntrySummary {
  seq: number;
  at: number;
  /** A team id, or `facilitator`, `observer`, `display`, `system`. */
  who: string;
  type: LoggedCommand['command']['type'];
  /** Names and numbers, no sentence: the client puts words around it in the reader's language. */
  detail: string;
}

/** The timeline row of an entry. */
export function summariseEntry(s: Scenario, e: LoggedCommand): EntrySummary {
  const ix = indexOf(s);
  const team = (id: string) => ix.teams.get(id)?.name ?? id;
  const c = e.command;
  const who = e.actor.role === 'team' ? e.actor.team : e.actor.role;
  const base = { seq: e.seq, at: e.at, who, type: c.type };
  switch (c.type) {
    case 'submitOrders':
      return { ...base, detail: String(c.orders.length) };
    case 'offerContract':
      return {
        ...base,
        detail: `${team(c.counterparty)} · ${c.terms.qty} × ${ix.products.get(c.terms.product)?.name ?? c.terms.product} @ ${c.terms.unitPrice} €`,
      };
    case 'counterContract':
      return { ...base, detail: `${c.contract} · ${c.terms.qty} @ ${c.terms.unitPrice} €` };
    case 'acceptContract':
    case 'rejectContract':
    case 'cancelContract':
      return { ...base, detail: c.contract };
    case 'override':
      return { ...base, detail: `${Object.values(c.target).join(':')} → ${c.value} · ${c.reason}` };
    case 'fireInject':
      return { ...base, detail: pickText(ix.injects.get(c.inject)?.title, 'en') ?? c.inject };
    case 'delayInject':
      return {
        ...base,
        detail: `${pickText(ix.injects.get(c.inject)?.title, 'en') ?? c.inject} → ${c.month}`,
      };
    case 'suppressInject':
      return { ...base, detail: pickText(ix.injects.get(c.inject)?.title, 'en') ?? c.inject };
    case 'adHocInject':
      return { ...base, detail: c.title };
    case 'setBot':
      return { ...base, detail: `${team(c.team)}: ${c.bot ? 'bot' : '—'}` };
    case 'message':
      return {
        ...base,
        detail: `${c.kind === 'rfi' ? 'RFI ' : ''}→ ${(Array.isArray(c.to) ? c.to : [c.to])
          .map((to) => (to === 'all' || to === 'facilitator' ? to : team(to)))
          .join(', ')}: ${c.text}`,
      };
    case 'takeRfi':
      return { ...base, detail: `#${c.message}${c.by ? ` (${c.by})` : ''}` };
    case 'proposeAction':
      return { ...base, detail: `${c.title}: ${c.argument}` };
    case 'adjudicateAction':
      return { ...base, detail: `#${c.action} ${c.odds ?? 'default'} %: ${c.narration}` };
    case 'note':
      return { ...base, detail: c.text };
    case 'pinNote':
      return { ...base, detail: `${c.seq}: ${c.pinned ? 'pinned' : 'unpinned'}` };
    case 'reseed':
      return { ...base, detail: String(c.seed) };
    case 'setDeadline':
      return { ...base, detail: c.at === null ? '—' : String(c.at) };
    case 'extendDeadline':
      return { ...base, detail: `+${Math.round(c.ms / 60_000)} min` };
    default:
      return { ...base, detail: '' };
  }
}
