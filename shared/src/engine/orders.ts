import { ErrorCode, violation, type Violation } from '../schema/codes.ts';
import type { Order } from '../schema/commands.ts';
import type { Scenario, TeamKind } from '../schema/scenario.ts';
import { type Dice } from '../util/rng.ts';
import { leadTimeDelay, supplyModifiers } from './effects.ts';
import { addStock, bump, euros, pay, say, takeStock, WORLD } from './finance.ts';
import { indexOf } from './lookup.ts';
import { own } from '../util/canonical.ts';
import type { GameState, LineRuntime, NewsEvent } from './state.ts';

/** What applying an order needs besides the state. */
export interface OrderContext {
  scenario: Scenario;
  g: GameState;
  dice: Dice;
  news: NewsEvent[];
}

/** A checked order: what it costs (€ and stock) and how to carry it out. */
interface Plan {
  cost: number;
  /** Stock drawn by the order, by item. */
  draws?: Record<string, number>;
  apply: (ctx: OrderContext) => void;
}

type Check = Violation | Plan;

/** Which team kinds may give which order. */
export const ORDER_KINDS: Record<Order['type'], readonly TeamKind[]> = {
  budget: ['government', 'procurement', 'alliance'],
  convertLine: ['industry'],
  revertLine: ['industry'],
  invest: ['industry'],
  hire: ['industry'],
  buyComponents: ['industry'],
  allocate: ['military'],
  transfer: ['government', 'procurement', 'military', 'industry', 'alliance'],
  buyMarketOffer: ['government', 'procurement', 'military', 'alliance'],
  strike: ['adversary'],
  ewUpgrade: ['adversary'],
  outbid: ['adversary'],
  surge: ['adversary'],
  exportControl: ['government'],
};

const PRODUCING = new Set(['ramp', 'rate', 'starved']);
const BUSY = new Set(['retooling', 'qualifying', 'reverting', 'damaged']);

function findLine(g: GameState, team: string, plantId: string, lineId: string | undefined) {
  const plant = own(g.plants, plantId);
  if (!plant) return violation(ErrorCode.UnknownPlant, `There is no plant "${plantId}".`, 'plant');
  if (plant.owner !== team)
    return violation(ErrorCode.NotOwner, `${plant.name} belongs to another team.`, 'plant');
  if (lineId === undefined) return { plant, line: undefined };
  const line = plant.lines.find((l) => l.id === lineId);
  if (!line) return violation(ErrorCode.UnknownLine, `${plant.name} has no line "${lineId}".`, 'line');
  return { plant, line };
}

const isViolation = (x: unknown): x is Violation =>
  typeof x === 'object' && x !== null && (x as Violation).ok === false;

/** Months a template needs before the line makes anything, with any active lead-time shock. */
function templateLead(g: GameState, kind: string, leadMonths: number): number {
  return kind === 'conversion' ? leadMonths : leadMonths + leadTimeDelay(g, kind);
}

function checkOrder(s: Scenario, g: GameState, team: string, o: Order): Check {
  const ix = indexOf(s);
  const me = own(g.teams, team);
  const spec = ix.teams.get(team);
  if (!me || !spec) return violation(ErrorCode.UnknownTeam, `There is no team "${team}".`, 'team');
  if (!ORDER_KINDS[o.type].includes(spec.kind))
    return violation(ErrorCode.WrongTeamKind, `A ${spec.kind} team cannot give "${o.type}" orders.`, 'type');
  const month = g.month;

  switch (o.type) {
    case 'budget': {
      if (o.to === team) return violation(ErrorCode.SelfDealing, 'A team cannot pay itself.', 'to');
      if (!own(g.teams, o.to)) return violation(ErrorCode.UnknownTeam, `There is no team "${o.to}".`, 'to');
      if (o.purpose !== 'appropriation' && !g.levers.subsidies)
        return violation(
          ErrorCode.LeverDisabled,
          'Subsidies are not enabled in this scenario yet.',
          'purpose',
        );
      return {
        cost: o.amount,
        apply: ({ g, news }) => {
          pay(g, team, o.to, o.amount, o.purpose === 'appropriation' ? 'budget' : 'subsidy');
          if (o.purpose === 'capexSubsidy') g.teams[o.to]!.capexSubsidy += o.amount;
          say(
            news,
            month,
            'budget',
            `${spec.name} granted ${euros(o.amount)} to ${ix.teams.get(o.to)?.name} (${o.purpose}).`,
            [team, o.to],
          );
        },
      };
    }
    case 'convertLine': {
      const found = findLine(g, team, o.plant, o.line);
      if (isViolation(found)) return found;
      const line = found.line!;
      const tpl = ix.templates.get(o.template);
      if (!tpl)
        return violation(ErrorCode.UnknownTemplate, `There is no template "${o.template}".`, 'template');
      if (tpl.kind !== 'conversion')
        return violation(ErrorCode.TemplateMismatch, `"${tpl.name}" is not a line conversion.`, 'template');
      if (tpl.plantTypes.length && !tpl.plantTypes.includes(found.plant.type))
        return violation(
          ErrorCode.TemplateMismatch,
          `"${tpl.name}" does not apply to a ${found.plant.type} plant.`,
          'template',
        );
      if (!ix.products.has(o.product))
        return violation(ErrorCode.UnknownProduct, `There is no product "${o.product}".`, 'product');
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
        draws: { [`line:${o.plant}/${o.line}`]: 1 },
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
          } satisfies Partial<LineRuntime>);
          say(
            news,
            month,
            'conversion',
            `${found.plant.name} ${l.name} starts retooling for ${ix.products.get(o.product)?.name} (${euros(cost)}).`,
            [team],
          );
        },
      };
    }
    case 'revertLine': {
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
        draws: { [`line:${o.plant}/${o.line}`]: 1 },
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
          say(news, month, 'conversion', `${found.plant.name} ${l.name} reverts to civil production.`, [
            team,
          ]);
        },
      };
    }
    case 'invest': {
      const found = findLine(g, team, o.plant, o.line);
      if (isViolation(found)) return found;
      const tpl = ix.templates.get(o.template);
      if (!tpl)
        return violation(ErrorCode.UnknownTemplate, `There is no template "${o.template}".`, 'template');
      if (!ix.products.has(o.product))
        return violation(ErrorCode.UnknownProduct, `There is no product "${o.product}".`, 'product');
      if (tpl.plantTypes.length && !tpl.plantTypes.includes(found.plant.type))
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
      if (tpl.kind === 'expansion') {
        if (!found.line)
          return violation(ErrorCode.UnknownLine, 'An expansion needs the line to expand.', 'line');
        const current = found.line.product ?? found.line.target;
        if (current !== o.product)
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
        apply: ({ g, news }) => {
          const t = g.teams[team]!;
          const fromSubsidy = Math.min(t.capexSubsidy, cost);
          t.capexSubsidy -= fromSubsidy;
          pay(g, team, WORLD, cost, 'capex');
          const plant = g.plants[o.plant]!;
          const lead = templateLead(g, tpl.kind, tpl.leadMonths);
          if (tpl.kind === 'expansion') {
            const l = plant.lines.find((x) => x.id === o.line)!;
            l.expansions.push({ add: o.addNameplate, readyMonth: month + lead + 1 });
            l.crew += tpl.crewPerMonthlyUnit * o.addNameplate;
          } else {
            plant.lines.push({
              id: `${plant.id}-new${plant.lines.length + 1}`,
              name: `New line ${plant.lines.length + 1}`,
              state: 'retooling',
              product: null,
              target: o.product,
              template: tpl.id,
              nameplate: o.addNameplate,
              rampStep: 0,
              yield: 1,
              crew: tpl.crewPerMonthlyUnit * o.addNameplate,
              civilRevenue: 0,
              cumUnits: 0,
              monthsLeft: Math.max(1, lead),
              resumeState: null,
              since: month,
              expansions: [],
              lastOutput: 0,
              limitedBy: null,
            });
          }
          say(
            news,
            month,
            'capex',
            `${spec.name} invests ${euros(cost)} at ${plant.name}: +${o.addNameplate}/month of ${ix.products.get(o.product)?.name}, ready in ${lead} months.`,
            [team],
          );
        },
      };
    }
    case 'hire': {
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
        draws: { [`hire:${o.plant}`]: o.count },
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
            `${plant.name} hires ${o.count} (${fromConvertible} from its own convertible staff).`,
            [team],
          );
        },
      };
    }
    case 'buyComponents': {
      const comp = ix.components.get(o.component);
      if (!comp)
        return violation(ErrorCode.UnknownComponent, `There is no component "${o.component}".`, 'component');
      const key = `${o.component}/${o.source}`;
      const src = ix.sources.get(key);
      if (!src)
        return violation(ErrorCode.UnknownSource, `${comp.name} has no source "${o.source}".`, 'source');
      const mods = supplyModifiers(g, o.component, key, src.origin, s.rules.outbid);
      if (mods.embargoed)
        return violation(ErrorCode.Embargoed, `${src.origin} ${comp.name} is under embargo.`, 'source');
      const cap = Math.floor(src.monthlyCap * mods.cap) - (g.sourceUsed[key] ?? 0);
      if (o.qty > cap)
        return violation(
          ErrorCode.OverCapacity,
          `Only ${Math.max(0, cap)} ${comp.name} can be had from ${src.origin} this month.`,
          'qty',
        );
      const unit = src.price * mods.price;
      return {
        cost: o.qty * unit,
        draws: { [`source:${key}`]: o.qty },
        apply: ({ g, dice }) => {
          pay(g, team, WORLD, o.qty * unit, 'components');
          bump(g.sourceUsed, key, o.qty);
          const jitter = s.rules.leadTimeJitterMonths
            ? dice.int(-s.rules.leadTimeJitterMonths, s.rules.leadTimeJitterMonths)
            : 0;
          const lead = Math.max(0, src.leadTimeMonths + jitter);
          g.componentOrders.push({
            team,
            component: o.component,
            source: o.source,
            qty: o.qty,
            arrivesMonth: month + lead,
          });
          const t = g.teams[team]!;
          t.componentsBought += o.qty;
          if (src.embargoRisk > 0) t.componentsExposed += o.qty;
        },
      };
    }
    case 'allocate': {
      if (!own(g.fronts, o.front))
        return violation(ErrorCode.UnknownFront, `There is no front "${o.front}".`, 'front');
      if (!ix.products.has(o.product))
        return violation(ErrorCode.UnknownProduct, `There is no product "${o.product}".`, 'product');
      return {
        cost: 0,
        draws: { [o.product]: o.qty },
        apply: ({ g }) => {
          takeStock(g.teams[team]!.stock, o.product, o.qty);
          addStock(g.fronts[o.front]!.stock, o.product, o.qty);
          bump(g.fronts[o.front]!.committed, o.product, o.qty);
        },
      };
    }
    case 'transfer': {
      if (o.to === team) return violation(ErrorCode.SelfDealing, 'A team cannot transfer to itself.', 'to');
      const to = ix.teams.get(o.to);
      if (!to || to.kind === 'adversary')
        return violation(ErrorCode.UnknownTeam, `There is no friendly team "${o.to}".`, 'to');
      if (!ix.products.has(o.item) && !ix.components.has(o.item))
        return violation(ErrorCode.UnknownProduct, `There is no item "${o.item}".`, 'item');
      return {
        cost: 0,
        draws: { [o.item]: o.qty },
        apply: ({ g, news }) => {
          takeStock(g.teams[team]!.stock, o.item, o.qty);
          addStock(g.teams[o.to]!.stock, o.item, o.qty);
          say(news, month, 'transfer', `${spec.name} hands ${o.qty} ${o.item} to ${to.name}.`, [team, o.to]);
        },
      };
    }
    case 'buyMarketOffer': {
      const offer = g.marketOffers.find((m) => m.id === o.offer && m.endMonth > month);
      if (!offer) return violation(ErrorCode.UnknownOffer, 'That market offer is not available.', 'offer');
      if (o.qty > offer.qty)
        return violation(ErrorCode.OverCapacity, `Only ${offer.qty} are on offer.`, 'qty');
      return {
        cost: o.qty * offer.price,
        draws: { [`offer:${offer.id}`]: o.qty },
        apply: ({ g, news }) => {
          const live = g.marketOffers.find((m) => m.id === o.offer)!;
          pay(g, team, WORLD, o.qty * live.price, 'import');
          live.qty -= o.qty;
          g.deliveries.push({
            team,
            item: live.product,
            qty: o.qty,
            arrivesMonth: month + live.deliveryMonths,
          });
          say(
            news,
            month,
            'import',
            `${spec.name} buys ${o.qty} ${live.product} abroad for ${euros(o.qty * live.price)}.`,
            [team],
          );
        },
      };
    }
    case 'strike': {
      const plant = own(g.plants, o.plant);
      if (!plant) return violation(ErrorCode.UnknownPlant, `There is no plant "${o.plant}".`, 'plant');
      if (plant.owner === team)
        return violation(ErrorCode.SelfDealing, 'A team cannot strike its own plant.', 'plant');
      const r = s.rules.strike;
      return {
        cost: r.cost,
        apply: ({ g, dice, news }) => {
          pay(g, team, WORLD, r.cost, 'strike');
          const p = g.plants[o.plant]!;
          const roll = dice.roll(r.dice, r.sides) - p.security;
          if (roll < r.successAtLeast) {
            say(news, month, 'strike', `A strike on ${p.name} failed (roll ${roll}).`, undefined, {
              key: 'strike.failed',
              plant: p.id,
              plantName: p.name,
              roll,
            });
            return;
          }
          p.timesHit += 1;
          for (const l of p.lines) {
            if (l.state === 'damaged') {
              l.monthsLeft = Math.max(l.monthsLeft, r.damageMonths);
              continue;
            }
            l.resumeState = l.state;
            l.state = 'damaged';
            l.monthsLeft = r.damageMonths;
            l.since = month;
          }
          say(
            news,
            month,
            'strike',
            `Strike on ${p.name}: production stops for ${r.damageMonths} months.`,
            undefined,
            { key: 'strike.hit', plant: p.id, plantName: p.name, roll, months: r.damageMonths },
          );
        },
      };
    }
    case 'ewUpgrade': {
      const f = own(g.fronts, o.front);
      if (!f) return violation(ErrorCode.UnknownFront, `There is no front "${o.front}".`, 'front');
      if (f.ewLevel >= s.rules.ewLevelMax)
        return violation(ErrorCode.OverCapacity, 'EW is already at its maximum there.', 'front');
      return {
        cost: s.rules.ewUpgradeCost,
        draws: { [`ew:${o.front}`]: 1 },
        apply: ({ g, news }) => {
          pay(g, team, WORLD, s.rules.ewUpgradeCost, 'ew');
          const front = g.fronts[o.front]!;
          front.ewLevel = Math.min(s.rules.ewLevelMax, front.ewLevel + 1);
          say(
            news,
            month,
            'ew',
            `Red raises electronic warfare on ${ix.fronts.get(o.front)?.name} to level ${front.ewLevel}.`,
          );
        },
      };
    }
    case 'outbid': {
      const comp = ix.components.get(o.component);
      if (!comp)
        return violation(ErrorCode.UnknownComponent, `There is no component "${o.component}".`, 'component');
      return {
        cost: s.rules.outbid.cost,
        draws: { [`outbid:${o.component}`]: 1 },
        apply: ({ g, news }) => {
          pay(g, team, WORLD, s.rules.outbid.cost, 'outbid');
          g.outbids[o.component] = month + 2;
          say(news, month, 'market', `World prices for ${comp.name} jump: a buyer is outbidding Europe.`);
        },
      };
    }
    case 'surge': {
      if (!own(g.fronts, o.front))
        return violation(ErrorCode.UnknownFront, `There is no front "${o.front}".`, 'front');
      return {
        cost: o.amount,
        apply: ({ g }) => {
          pay(g, team, WORLD, o.amount, 'surge');
          g.fronts[o.front]!.redSurge += o.amount / s.rules.redSurge.costPerFire;
        },
      };
    }
    case 'exportControl': {
      if (!g.levers.exportControls)
        return violation(ErrorCode.LeverDisabled, 'Export controls are not enabled yet.', 'type');
      const comp = ix.components.get(o.component);
      if (!comp)
        return violation(ErrorCode.UnknownComponent, `There is no component "${o.component}".`, 'component');
      return {
        cost: 0,
        draws: { [`control:${o.component}`]: 1 },
        apply: ({ g, news }) => {
          g.exportControls[o.component] = month + s.rules.exportControlMonths;
          say(news, month, 'policy', `${spec.name} puts ${comp.name} under export control.`);
        },
      };
    }
  }
}

/** Items a draw key limits: stock items, plus one-per-month actions and capacities. */
function available(s: Scenario, g: GameState, team: string, key: string): number {
  if (key.startsWith('hire:')) {
    const plant = g.plants[key.slice(5)];
    return plant ? Math.floor(plant.skilled * s.rules.workforce.traineesPerInstructor) : 0;
  }
  if (key.startsWith('source:')) {
    const k = key.slice(7);
    const [component = '', source = ''] = k.split('/');
    const src = indexOf(s).sources.get(k);
    if (!src) return 0;
    const mods = supplyModifiers(g, component, `${component}/${source}`, src.origin, s.rules.outbid);
    return Math.floor(src.monthlyCap * mods.cap) - (g.sourceUsed[k] ?? 0);
  }
  if (key.startsWith('offer:')) return g.marketOffers.find((m) => m.id === key.slice(6))?.qty ?? 0;
  if (key.includes(':')) return 1;
  return g.teams[team]?.stock[key] ?? 0;
}

/**
 * Whether a checked order still fits within the team's cash and the stock and capacities it draws,
 * counting what earlier orders of the same submission already spent (`spent`, `drawn`).
 */
function fits(
  s: Scenario,
  g: GameState,
  team: string,
  plan: Plan,
  spent: number,
  drawn: Record<string, number>,
): Violation | null {
  const money = g.teams[team]?.money ?? 0;
  if (spent + plan.cost > money + 1e-6)
    return violation(
      ErrorCode.OverBudget,
      `These orders cost ${euros(spent + plan.cost)} but the team has ${euros(money)}.`,
      '',
    );
  for (const [key, qty] of Object.entries(plan.draws ?? {})) {
    const have = available(s, g, team, key);
    if ((drawn[key] ?? 0) + qty <= have) continue;
    if (!key.includes(':')) return violation(ErrorCode.NotEnoughStock, `Only ${have} ${key} in stock.`, '');
    if (key.startsWith('source:') || key.startsWith('hire:') || key.startsWith('offer:'))
      return violation(ErrorCode.OverCapacity, `Only ${Math.max(0, have)} available this month.`, '');
    return violation(ErrorCode.DuplicateOrder, 'That action can be ordered once a month.', '');
  }
  return null;
}

/**
 * Check a team's whole submission against the state: each order alone, then the sums
 * (total € within cash, stock drawn within stock, capacities within caps). Returns the first violation,
 * with a path such as `orders.3.qty`, or null when every order can be carried out.
 */
export function validateOrders(
  s: Scenario,
  g: GameState,
  team: string,
  orders: readonly Order[],
): Violation | null {
  let spent = 0;
  const drawn: Record<string, number> = {};
  for (const [i, order] of orders.entries()) {
    const checked = checkOrder(s, g, team, order);
    if (isViolation(checked))
      return { ...checked, path: `orders.${i}${checked.path ? `.${checked.path}` : ''}` };
    const short = fits(s, g, team, checked, spent, drawn);
    if (short) return { ...short, path: `orders.${i}` };
    spent += checked.cost;
    for (const [key, qty] of Object.entries(checked.draws ?? {})) drawn[key] = (drawn[key] ?? 0) + qty;
  }
  return null;
}

/**
 * Carry out a team's orders at adjudication. Each order is checked again against the state as it is
 * now (another team's orders may have used the capacity); one that no longer holds is skipped and the
 * team is told why.
 */
export function applyOrders(ctx: OrderContext, team: string, orders: readonly Order[]): void {
  for (const order of orders) {
    const checked = checkOrder(ctx.scenario, ctx.g, team, order);
    const broken = isViolation(checked) ? checked : fits(ctx.scenario, ctx.g, team, checked, 0, {});
    if (broken || isViolation(checked)) {
      const why = broken?.message ?? '';
      say(ctx.news, ctx.g.month, 'order_skipped', `Order ${order.type} not carried out: ${why}`, [team], {
        key: 'order.skipped',
        order: order.type,
        code: isViolation(checked) ? checked.code : (broken?.code ?? ''),
      });
      continue;
    }
    checked.apply(ctx);
  }
}
