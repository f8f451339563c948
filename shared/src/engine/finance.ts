import type { NewsKind } from '../narration/catalog.ts';
import type { NewsMessage } from '../narration/render.ts';
import type { GameState, NewsEvent } from './state.ts';

/** The world outside the game: taxpayers, foreign suppliers, civil customers. */
export const WORLD = 'world';

/** Kinds of payment that are investment rather than cost, so they do not reduce profit. */
const CAPITAL = new Set(['capex', 'conversion']);
/** Transfers between public bodies that are neither revenue nor cost. */
const TRANSFER = new Set(['appropriation', 'budget']);

/**
 * Move € from one party to another. Callers check affordability first: money never goes negative.
 * Every payment has a payer and a payee (possibly the world) and is recorded for the month.
 */
export function pay(g: GameState, from: string, to: string, amount: number, reason: string): void {
  if (!(amount > 0)) return;
  const payer = g.teams[from];
  const payee = g.teams[to];
  if (payer) {
    if (payer.money + 1e-6 < amount) throw new Error(`bug: ${from} cannot pay ${amount} for ${reason}`);
    payer.money = Math.max(0, payer.money - amount);
    payer.paid += amount;
    if (!CAPITAL.has(reason) && !TRANSFER.has(reason)) payer.profit -= amount;
  }
  if (payee) {
    payee.money += amount;
    payee.received += amount;
    if (!TRANSFER.has(reason)) payee.profit += amount;
  }
  g.payments.push({ from, to, amount, reason });
}

export const canPay = (g: GameState, team: string, amount: number) =>
  (g.teams[team]?.money ?? 0) + 1e-6 >= amount;

export function takeStock(stock: Record<string, number>, item: string, qty: number): void {
  const left = (stock[item] ?? 0) - qty;
  if (left < -1e-9) throw new Error(`bug: stock of ${item} would go negative`);
  stock[item] = Math.max(0, left);
}

/** Adds `qty` to `record[key]` (a stock, a ledger's count), from 0 when absent. */
export const bump = (record: Record<string, number>, key: string, qty: number) => {
  record[key] = (record[key] ?? 0) + qty;
};

/** Record a piece of news: a catalogued message, told to `to` only (absent: everyone). */
export function say(news: NewsEvent[], month: number, kind: NewsKind, data: NewsMessage, to?: string[]) {
  const event: NewsEvent = { month, kind, data };
  if (to) event.to = to;
  news.push(event);
}

/** € in a refusal's English message (news is written by `narrate` instead): 1.2 M€, 350 k€. */
export function euros(amount: number): string {
  const abs = Math.abs(amount);
  if (abs >= 1e9) return `${(amount / 1e9).toFixed(2)} bn€`;
  if (abs >= 1e6) return `${(amount / 1e6).toFixed(1)} M€`;
  if (abs >= 1e3) return `${(amount / 1e3).toFixed(0)} k€`;
  return `${Math.round(amount)} €`;
}
