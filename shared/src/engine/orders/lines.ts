import { ErrorCode, violation } from '../../schema/codes.ts';
import type { Order } from '../../schema/commands.ts';
import { leadTimeDelay } from '../effects.ts';
import { pay, say, WORLD } from '../finance.ts';
import { startExpansion } from '../production.ts';
import { newLine } from '../sites.ts';
import type { GameState, LineRuntime } from '../state.ts';
import { lineProduct, templateFitsPlant, templateMakes } from '../templates.ts';
import { findLine, isViolation, type Handler } from './plan.ts';

type Of<T extends Order['type']> = Extract<Order, { type: T }>;

const PRODUCING = new Set(['ramp', 'rate', 'starved']);
const BUSY = new Set(['retooling', 'qualifying', 'reverting', 'damaged']);

/** Months a template needs before the line makes anything, with any active lead-time shock. */
function templateLead(g: GameState, kind: string, leadMonths: number): number {
  return kind === 'conversion' ? leadMonths : leadMonths + leadTimeDelay(g, kind);
}

const cannotMake = (template: string, product: string) =>
  violation(ErrorCode.TemplateCannotMake, `"${template}" cannot make ${product}.`, 'template');

/** Retool a line to a product with a conversion template (€ fixed + per unit of nameplate). */
export const convertLine: Handler<Of<'convertLine'>> = ({ g, ix, team, month }, o) => {
  const found = findLine(g, team, o.plant, o.line);
  if (isViolation(found)) return found;
  const line = found.line!;
  const tpl = ix.templates.get(o.template);
  if (!tpl) return violation(ErrorCode.UnknownTemplate, `There is no template "${o.template}".`, 'template');
  if (tpl.kind !== 'conversion')
    return violation(ErrorCode.TemplateMismatch, `"${tpl.name}" is not a line conversion.`, 'template');
  if (!templateFitsPlant(tpl, found.plant.type))
    return violation(
      ErrorCode.TemplateMismatch,
      `"${tpl.name}" does not apply to a ${found.plant.type} plant.`,
      'template',
    );
  const product = ix.products.get(o.product);
  if (!product) return violation(ErrorCode.UnknownProduct, `There is no product "${o.product}".`, 'product');
  if (!templateMakes(tpl, product)) return cannotMake(tpl.name, product.name);
  if (BUSY.has(line.state))
    return violation(
      ErrorCode.LineBusy,
      `${line.name} is ${line.state} and cannot be converted now.`,
      'line',
    );
  if (line.product === o.product && PRODUCING.has(line.state))
    return violation(ErrorCode.LineBusy, `${line.name} already makes this product.`, 'product');
  const cost = tpl.fixedCost + tpl.costPerMonthlyUnit * line.nameplate;
  return {
    cost,
    draws: [{ kind: 'once', action: 'line', target: `${o.plant}/${o.line}` }],
    apply: ({ g, news }) => {
      pay(g, team, WORLD, cost, 'conversion');
      const l = g.plants[o.plant]!.lines.find((x) => x.id === o.line)!;
      Object.assign(l, {
        state: 'retooling',
        target: o.product,
        product: null,
        template: tpl.id,
        rampStep: 0,
        monthsLeft: Math.max(1, templateLead(g, tpl.kind, tpl.leadMonths)),
        since: month,
        cumUnits: 0,
        capex: l.capex + cost,
      } satisfies Partial<LineRuntime>);
      say(
        news,
        month,
        'conversion',
        { key: 'line.retooling', plant: o.plant, line: o.line, item: o.product, costEur: Math.round(cost) },
        [team],
      );
    },
  };
};

/** Take a converted line back to its civil product (one month). */
export const revertLine: Handler<Of<'revertLine'>> = ({ g, team, month }, o) => {
  const found = findLine(g, team, o.plant, o.line);
  if (isViolation(found)) return found;
  const line = found.line!;
  if (line.state === 'civil' || line.state === 'reverting')
    return violation(ErrorCode.LineBusy, `${line.name} is already civil.`, 'line');
  if (line.civilRevenue <= 0)
    return violation(ErrorCode.LineBusy, `${line.name} has no civil product to go back to.`, 'line');
  if (line.state === 'damaged') return violation(ErrorCode.LineBusy, `${line.name} is damaged.`, 'line');
  return {
    cost: 0,
    draws: [{ kind: 'once', action: 'line', target: `${o.plant}/${o.line}` }],
    apply: ({ g, news }) => {
      const l = g.plants[o.plant]!.lines.find((x) => x.id === o.line)!;
      Object.assign(l, {
        state: 'reverting',
        monthsLeft: 1,
        since: month,
        target: null,
        product: null,
        rampStep: 0,
      });
      say(news, month, 'conversion', { key: 'line.reverting', plant: o.plant, line: o.line }, [team]);
    },
  };
};

/**
 * Set a line's claim on its owner's scarce inputs (components and intermediate products) from this
 * month's production on: high lines are served first, then normal, then low; lines of one class
 * share pro rata to what they could make.
 */
export const setLinePriority: Handler<Of<'setLinePriority'>> = ({ g, team, month }, o) => {
  const found = findLine(g, team, o.plant, o.line);
  if (isViolation(found)) return found;
  return {
    cost: 0,
    draws: [{ kind: 'once', action: 'priority', target: `${o.plant}/${o.line}` }],
    apply: ({ g, news }) => {
      const l = g.plants[o.plant]!.lines.find((x) => x.id === o.line)!;
      l.priority = o.priority;
      say(news, month, 'line', { key: 'line.priority', plant: o.plant, line: o.line, priority: o.priority }, [
        team,
      ]);
    },
  };
};

/**
 * Set how a line decides its output from this month's production on: `capacity` (all it can) or
 * `toOrders` (at most its owner's open backlog for the product plus `stockTarget`, less the stock on
 * hand; see production's `callForOutput`). Holds until changed, through conversions.
 */
export const setOutputMode: Handler<Of<'setOutputMode'>> = ({ g, team, month }, o) => {
  const found = findLine(g, team, o.plant, o.line);
  if (isViolation(found)) return found;
  return {
    cost: 0,
    draws: [{ kind: 'once', action: 'outputMode', target: `${o.plant}/${o.line}` }],
    apply: ({ g, news }) => {
      const l = g.plants[o.plant]!.lines.find((x) => x.id === o.line)!;
      l.outputMode = o.mode;
      l.stockTarget = o.stockTarget;
      say(
        news,
        month,
        'line',
        {
          key: o.mode === 'toOrders' ? 'line.toOrders' : 'line.atCapacity',
          plant: o.plant,
          line: o.line,
          qty: o.stockTarget,
        },
        [team],
      );
    },
  };
};

/** Add capacity: expand a line, or build a new one (greenfield or brownfield template). */
export const invest: Handler<Of<'invest'>> = ({ g, ix, team, month }, o) => {
  const found = findLine(g, team, o.plant, o.line);
  if (isViolation(found)) return found;
  const tpl = ix.templates.get(o.template);
  if (!tpl) return violation(ErrorCode.UnknownTemplate, `There is no template "${o.template}".`, 'template');
  const product = ix.products.get(o.product);
  if (!product) return violation(ErrorCode.UnknownProduct, `There is no product "${o.product}".`, 'product');
  if (!templateFitsPlant(tpl, found.plant.type))
    return violation(
      ErrorCode.TemplateMismatch,
      `"${tpl.name}" does not apply to a ${found.plant.type} plant.`,
      'template',
    );
  if (tpl.kind === 'conversion')
    return violation(
      ErrorCode.TemplateMismatch,
      `"${tpl.name}" converts a line; use a conversion order.`,
      'template',
    );
  if (!templateMakes(tpl, product)) return cannotMake(tpl.name, product.name);
  if (tpl.kind === 'expansion') {
    if (!found.line)
      return violation(ErrorCode.UnknownLine, 'An expansion needs the line to expand.', 'line');
    if (lineProduct(found.line) !== o.product)
      return violation(
        ErrorCode.TemplateMismatch,
        `${found.line.name} does not make this product.`,
        'product',
      );
  }
  if (tpl.kind === 'greenfield' && found.line)
    return violation(
      ErrorCode.TemplateMismatch,
      'A greenfield build makes a new line: leave the line out.',
      'line',
    );
  const cost = tpl.fixedCost + tpl.costPerMonthlyUnit * o.addNameplate;
  return {
    cost,
    draws: [],
    apply: ({ g, news }) => {
      const t = g.teams[team]!;
      const fromSubsidy = Math.min(t.capexSubsidy, cost);
      t.capexSubsidy -= fromSubsidy;
      pay(g, team, WORLD, cost, 'capex');
      const plant = g.plants[o.plant]!;
      const lead = templateLead(g, tpl.kind, tpl.leadMonths);
      if (tpl.kind === 'expansion') {
        const l = plant.lines.find((x) => x.id === o.line)!;
        startExpansion(l, tpl, o.addNameplate, month, lead);
        l.capex += cost;
      } else {
        const n = plant.lines.length + 1;
        const l = newLine(
          `${plant.id}-new${n}`,
          `New line ${n}`,
          tpl,
          o.product,
          o.addNameplate,
          lead,
          month,
        );
        l.capex = cost;
        plant.lines.push(l);
      }
      say(
        news,
        month,
        'capex',
        {
          key: 'capex.invested',
          team,
          costEur: Math.round(cost),
          plant: o.plant,
          add: o.addNameplate,
          item: o.product,
          months: lead,
        },
        [team],
      );
    },
  };
};

/** Hire and train people at a plant, within its instructors' training slots. */
export const hire: Handler<Of<'hire'>> = ({ s, g, team, month }, o) => {
  const found = findLine(g, team, o.plant, undefined);
  if (isViolation(found)) return found;
  const slots = Math.floor(found.plant.skilled * s.rules.workforce.traineesPerInstructor);
  if (o.count > slots)
    return violation(
      ErrorCode.OverCapacity,
      `${found.plant.name} can train at most ${slots} people a month.`,
      'count',
    );
  const cost = o.count * s.rules.workforce.hireCost;
  return {
    cost,
    draws: [{ kind: 'trainees', plant: o.plant, qty: o.count }],
    apply: ({ g, news }) => {
      pay(g, team, WORLD, cost, 'hiring');
      const plant = g.plants[o.plant]!;
      const fromConvertible = Math.min(plant.convertible, o.count);
      plant.convertible -= fromConvertible;
      plant.trainees.push({ count: o.count, readyMonth: month + s.rules.workforce.trainingMonths });
      say(
        news,
        month,
        'workforce',
        { key: 'workforce.hired', plant: o.plant, qty: o.count, convertible: fromConvertible },
        [team],
      );
    },
  };
};
