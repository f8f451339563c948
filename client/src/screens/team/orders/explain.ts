import type { View } from '@arsenal/shared';
import { ErrorCode } from '@arsenal/shared';
import type { Order } from '@arsenal/shared';
import type { DraftProblem } from '../../../adapters/checkOrders.ts';
import type { Formatters } from '../../../i18n/format.ts';
import type { T } from '../../../i18n/i18n.tsx';
import type { Names } from '../../../ui/names.ts';

/**
 * The engine's refusal of a draft in the reader's language, with this team's figures: over budget
 * (what the orders cost against the cash), line busy (the line's state), not enough stock (what is
 * held). Other codes fall back to `errorText` (the code's translation, or the engine's English).
 */
export function explainProblem(
  p: DraftProblem,
  ctx: {
    orders: readonly Order[];
    costs: readonly number[];
    view: View;
    names: Names;
    t: T;
    fmt: Formatters;
    errorText: (e: { code: string; message: string }) => string;
  },
): string {
  const { orders, view, names, t, fmt } = ctx;
  const order = orders[p.index];
  switch (p.code) {
    case ErrorCode.OverBudget: {
      const upTo = ctx.costs.slice(0, p.index + 1).reduce((a, b) => a + b, 0);
      return t('problem.overBudget', { cost: fmt.money(upTo), money: fmt.money(view.me?.team.money ?? 0) });
    }
    case ErrorCode.LineBusy: {
      if (order && 'line' in order && order.line && 'plant' in order) {
        const line = view.plants
          .find((x) => x.id === order.plant)
          ?.detail?.lines.find((l) => l.id === order.line);
        if (line) return t('problem.lineBusy', { line: line.name, state: t(`line.${line.state}`) });
      }
      break;
    }
    case ErrorCode.NotEnoughStock: {
      const item =
        order?.type === 'allocate' ? order.product : order?.type === 'transfer' ? order.item : null;
      if (item)
        return t('problem.notEnoughStock', {
          item: names.item(item),
          have: fmt.num(Math.floor(view.me?.team.stock[item] ?? 0)),
        });
      break;
    }
  }
  return ctx.errorText(p);
}
