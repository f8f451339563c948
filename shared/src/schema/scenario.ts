import { z } from 'zod';
import { lang, localizedText } from './text.ts';

/**
 * The scenario file format. Every number the engine uses comes from here: a scenario never needs a
 * code change. Units are stated per field: money in euros (€), quantities in units, rates per month.
 */

export const id = z
  .string()
  .regex(
    /^[a-z][a-z0-9_-]{0,47}$/,
    'must be a lower-case id: letters, digits, "-" or "_", starting with a letter',
  );
const text = z.string().min(1).max(2000);
/** A text readers see in their language: a string, or `{ en: …, fr: … }` (see `schema/text.ts`). */
const ltext = localizedText(2000);
const share = z.number().min(0).max(1);
const money = z.number().finite();
const nonNeg = z.number().finite().min(0);
const months = z.number().int().min(0).max(120);
const sourceRefs = z.array(z.string().max(40)).max(20).optional().describe('Source ids from meta.sources');

export const TEAM_KINDS = [
  'government',
  'procurement',
  'industry',
  'military',
  'alliance',
  'adversary',
] as const;
export const teamKind = z.enum(TEAM_KINDS);
export type TeamKind = z.infer<typeof teamKind>;

export const LINE_STATES = [
  'civil',
  'retooling',
  'qualifying',
  'ramp',
  'rate',
  'starved',
  'damaged',
  'idle',
  'reverting',
] as const;
export const lineState = z.enum(LINE_STATES);
export type LineState = z.infer<typeof lineState>;

/** A line's claim on scarce inputs: higher classes are served first, lines of one class pro rata. */
export const LINE_PRIORITIES = ['high', 'normal', 'low'] as const;
export const linePriority = z.enum(LINE_PRIORITIES);
export type LinePriority = z.infer<typeof linePriority>;

/**
 * How a line sets its output: `capacity` makes all it can (the default); `toOrders` makes at most its
 * owner's open contract backlog for the product plus the line's stock target, less the stock on hand.
 */
export const OUTPUT_MODES = ['capacity', 'toOrders'] as const;
export const outputMode = z.enum(OUTPUT_MODES);
export type OutputMode = z.infer<typeof outputMode>;

export const RATINGS = ['DX', 'DO', 'none'] as const;
/** Team kinds whose orders may carry a rating unless a scenario says otherwise (`rules.ratings.buyers`). */
export const RATED_BUYERS = ['government', 'procurement', 'military'] as const;
export const rating = z.enum(RATINGS);
export type Rating = z.infer<typeof rating>;

/** A model value that injects and scores can watch. */
export const metric = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('territory'), front: id }),
  z.strictObject({ kind: z.literal('ewLevel'), front: id }),
  z.strictObject({ kind: z.literal('fireRatio'), front: id }).describe('Blue effective fires / Red fires'),
  z.strictObject({ kind: z.literal('money'), team: id }),
  z.strictObject({ kind: z.literal('politicalCapital'), team: id }),
  z.strictObject({ kind: z.literal('trust'), team: id }),
  z.strictObject({ kind: z.literal('profit'), team: id }).describe('cumulative profit, €'),
  z.strictObject({ kind: z.literal('stock'), team: id, product: id }),
  z.strictObject({ kind: z.literal('cumulativeOutput'), product: id }),
  z.strictObject({ kind: z.literal('monthlyOutput'), product: id }),
  z.strictObject({ kind: z.literal('deliveredToFronts'), product: id }),
  z
    .strictObject({ kind: z.literal('productShare'), product: id, of: z.array(id).min(1) })
    .describe('share of this product in the units committed to fronts this month among the listed products'),
  z
    .strictObject({ kind: z.literal('supplyDays'), product: id, front: id })
    .describe('stock at front / daily demand'),
  z
    .strictObject({ kind: z.literal('sovereignty'), team: id })
    .describe('share of non-embargo-exposed components bought'),
  z.strictObject({ kind: z.literal('onTimeDelivery'), team: id }),
  z
    .strictObject({ kind: z.literal('componentsBought'), team: id })
    .describe('units of components the team has bought over the game'),
  z
    .strictObject({
      kind: z.literal('contractDeliveries'),
      team: id,
      side: z.enum(['seller', 'buyer']).default('seller'),
      product: id.optional(),
    })
    .describe(
      "units delivered on the team's contracts over the game, as seller or buyer, of one product or all",
    ),
  z.strictObject({ kind: z.literal('multiYearShare'), team: id }),
  z.strictObject({ kind: z.literal('casualties'), front: id }),
  z.strictObject({ kind: z.literal('plantsHit') }),
  z
    .strictObject({ kind: z.literal('idleCapacity'), team: id })
    .describe("units/month of the team's capacity last month that no order or stock target called for"),
  z
    .strictObject({ kind: z.literal('strandedCapex'), team: id })
    .describe('€ of capex invested this game tied in that idle capacity last month'),
  z.strictObject({ kind: z.literal('month') }),
]);
export type Metric = z.infer<typeof metric>;

export const comparison = z.enum(['>=', '<=', '>', '<']);

/**
 * When a guided tutorial's step is done, read from the team's own view: planning has started; the team's
 * sent orders include one of `type`; it has sent orders this month; it is party to a contract offered
 * or signed; `month` months have been published.
 */
const guideCheck = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('planningStarted') }),
  z.strictObject({ kind: z.literal('order'), type: z.string().min(1).max(40) }),
  z.strictObject({ kind: z.literal('ordersSent') }),
  z.strictObject({ kind: z.literal('contract'), status: z.enum(['offered', 'active']) }),
  z.strictObject({ kind: z.literal('published'), month: z.number().int().min(1).max(120) }),
]);
export type GuideCheck = z.infer<typeof guideCheck>;

const guideStep = z.strictObject({
  id,
  hint: ltext.describe('what to do next, in the words of a first-time player'),
  done: guideCheck,
});
export type GuideStep = z.infer<typeof guideStep>;

const team = z.strictObject({
  id,
  name: text,
  kind: teamKind,
  description: ltext.optional(),
  money: money.describe('starting cash, €'),
  appropriation: money.default(0).describe('cash received each month, €'),
  politicalCapital: nonNeg.default(0),
  incumbent: z.boolean().default(false).describe('an established defence supplier (qualification odds)'),
  stock: z
    .record(id, nonNeg)
    .optional()
    .describe('opening stock at home, units per product or component id; absent = none'),
  abroad: z
    .strictObject({
      shippingMonths: months.describe('months between a repatriate order and the stock arriving home'),
      stock: z.record(id, nonNeg).describe('units per product or component id held abroad'),
    })
    .optional()
    .describe('opening stock held abroad: usable only once shipped home (repatriate order)'),
  public: z
    .strictObject({ money: z.boolean().default(false), plants: z.boolean().default(false) })
    .default({ money: false, plants: false })
    .describe('what the scenario makes visible to every team'),
  objectives: z
    .array(
      z.strictObject({
        id,
        label: ltext,
        metric,
        op: comparison,
        target: z.number().finite(),
        weight: nonNeg.default(1),
        also: z
          .array(z.strictObject({ metric, op: comparison, target: z.number().finite() }))
          .max(4)
          .optional()
          .describe(
            'further conditions that must all hold for the objective to be met, e.g. a share that counts only over at least N units',
          ),
      }),
    )
    .max(20)
    .default([]),
  guide: z
    .array(guideStep)
    .max(20)
    .optional()
    .describe('a guided tutorial: hints shown one at a time, each advancing when its step is done'),
});

const product = z.strictObject({
  id,
  name: text,
  class: z.string().min(1).max(40).describe('free label used by effects: fpv, fpv_fibre, shell, energetic …'),
  unit: z.string().max(20).default('unit'),
  firstUnitCost: nonNeg.describe('€ for the first unit made on a line family'),
  learningRate: z.number().gt(0.5).max(1).describe('cost multiplier per doubling of cumulative output'),
  marketPrice: nonNeg.describe('€ per unit a buyer expects to pay; bots price contracts from it'),
  bom: z
    .array(z.strictObject({ item: id, qty: z.number().positive() }))
    .max(20)
    .default([])
    .describe('components or products consumed per unit'),
  effectByEw: z
    .array(nonNeg)
    .length(4)
    .describe('effective fires per unit committed to a front at EW level 0, 1, 2, 3'),
  learning: z
    .strictObject({
      fromUnits: z
        .number()
        .positive()
        .describe('cumulative units made on a line from which doublings count (no gain before)'),
      rateGainPerDoubling: share
        .default(0)
        .describe("share of the line's nameplate gained per doubling of its cumulative output"),
      maxRateGain: z.number().min(0).max(4).default(0.5).describe('cap on that gain (share of nameplate)'),
      labourPerDoubling: z
        .number()
        .gt(0)
        .max(1)
        .default(1)
        .describe("multiplier on the line's crew per doubling (0.9 = 10 % fewer workers per unit)"),
      minLabour: share.default(0.5).describe('floor of that multiplier'),
    })
    .optional()
    .describe(
      'learning by doing beyond unit cost: with d = max(0, log2(cumUnits / fromUnits)) doublings on a line, its rate is × (1 + min(maxRateGain, rateGainPerDoubling · d)) and its crew × max(minLabour, labourPerDoubling^d)',
    ),
  qualification: z
    .strictObject({
      months: months,
      passIncumbent: share,
      passNewEntrant: share,
      failDelayMonths: months,
    })
    .optional(),
  cite: sourceRefs,
});

const componentSource = z.strictObject({
  id,
  origin: z.string().min(2).max(20),
  monthlyCap: nonNeg.describe('units per month'),
  price: nonNeg.describe('€ per unit'),
  leadTimeMonths: months,
  embargoRisk: share.describe('chance per month that this source stops shipping for embargoMonths'),
  embargoMonths: months.default(3),
});

const component = z.strictObject({
  id,
  name: text,
  sources: z.array(componentSource).min(1).max(10),
  cite: sourceRefs,
});

const line = z.strictObject({
  id,
  name: text,
  state: lineState,
  product: id.nullable().describe('product made, or null for civil/idle lines'),
  nameplate: nonNeg.describe('units per month at full rate'),
  rampStep: z.number().int().min(0).default(0),
  yield: share.default(1),
  crew: nonNeg.describe('skilled workers needed at full rate'),
  civilRevenue: nonNeg.default(0).describe('€ per month earned while the line is civil'),
  template: id.optional().describe('conversion template for a line already ramping'),
  cumUnits: nonNeg.default(0),
  shifts: z
    .number()
    .int()
    .min(1)
    .max(4)
    .default(1)
    .describe('shifts the line works at the start (nameplate is the output of one shift)'),
  priority: linePriority
    .default('normal')
    .describe(
      "the line's claim on its owner's scarce inputs: high before normal before low, pro rata within one",
    ),
  outputMode: outputMode
    .default('capacity')
    .describe(
      'capacity: make all it can; toOrders: make at most the open contract backlog for the product plus the stock target, less the stock on hand',
    ),
  stockTarget: nonNeg
    .default(0)
    .describe("units of the product the owner wants in stock beyond its backlog (the line's buffer)"),
});

export const PLANT_TYPES = [
  'auto-assembly',
  'engine',
  'munitions',
  'chemical',
  'electronics',
  'airframe',
] as const;
const plantType = z.enum(PLANT_TYPES);

const plant = z.strictObject({
  id,
  name: text,
  owner: id,
  type: plantType,
  location: z.string().max(80).optional(),
  workforce: z.strictObject({ skilled: nonNeg, convertible: nonNeg }),
  security: z.number().int().min(0).max(6).default(0).describe('subtracted from strike rolls'),
  unionMood: share.default(0.5),
  criticality: nonNeg
    .default(0)
    .describe(
      'how much the adversary values striking this plant when rules.strike.target is "criticality" (chokepoints high)',
    ),
  lines: z.array(line).min(1).max(20),
});

/**
 * Land where a team may build a new plant from scratch (`buildPlant` with a greenfield template): the
 * plant is built for `buildMonths`, its recruited workforce joins when it opens, and its first line is
 * equipped meanwhile by the template (the line cannot be ready before the plant is).
 */
const site = z.strictObject({
  id,
  name: text.describe('name of the plant once built'),
  owner: id.describe('the industry team that holds the land (an option on it)'),
  type: plantType,
  location: z.string().max(80).optional(),
  landCost: nonNeg.default(0).describe('€ for the land, permits and connections, paid at the order'),
  buildCost: nonNeg.describe('€ for buildings and utilities, paid at the order (besides the line)'),
  buildMonths: z.number().int().min(1).max(120).describe('months of construction before the plant opens'),
  workforce: z
    .strictObject({ skilled: nonNeg, convertible: nonNeg.default(0) })
    .describe('people recruited for the opening (rules.workforce.hireCost each, paid at the order)'),
  security: z.number().int().min(0).max(6).default(0),
  criticality: nonNeg.default(0).describe('as plants[].criticality, once built'),
  cite: sourceRefs,
});

/**
 * A ramp given as a curve: share of nameplate in ramp month k (0-based) is
 * start + (1 − start) · (k / (monthsToFull − 1))^exponent, reaching 1 in month `monthsToFull`.
 */
export const rampCurve = z.strictObject({
  monthsToFull: z.number().int().min(1).max(120).describe('ramp months until full rate (the last is at 1)'),
  start: share.default(0.1).describe('share of nameplate in the first ramp month'),
  exponent: z
    .number()
    .positive()
    .max(10)
    .default(1)
    .describe('shape: 1 linear, above 1 a slow start (convex), below 1 a fast start (concave)'),
});
export type RampCurve = z.infer<typeof rampCurve>;

/** What a template can make: products named by id, or every product of a class. At least one entry. */
const templateMakes = z
  .strictObject({
    products: z.array(id).max(50).default([]).describe('product ids this template can make'),
    classes: z
      .array(z.string().min(1).max(40))
      .max(20)
      .default([])
      .describe('product classes this template can make (every product of the class)'),
  })
  .describe('the products a line built or converted with this template can make; at least one entry');

const conversionTemplate = z.strictObject({
  id,
  name: text,
  kind: z.enum(['conversion', 'expansion', 'greenfield']),
  leadMonths: months.describe('retooling or build months before qualification'),
  qualificationMonths: months,
  ramp: z
    .union([z.array(share).min(1).max(120), rampCurve])
    .describe('share of nameplate in each ramp month after qualification, as a list or a curve'),
  partnerDesign: z
    .boolean()
    .default(false)
    .describe(
      "the design is already qualified by a design partner: the product's own qualification (months and acceptance roll) is not repeated on this line",
    ),
  fixedCost: nonNeg.default(0).describe('€'),
  costPerMonthlyUnit: nonNeg.default(0).describe('€ per unit of monthly nameplate added or converted'),
  crewPerMonthlyUnit: nonNeg
    .default(0)
    .describe('skilled workers a new or expanded line needs per unit/month'),
  crewFollowsRamp: z
    .boolean()
    .optional()
    .describe(
      "a line or tranche ramping by this template needs its crew × the ramp month's share of nameplate, not the full crew from ramp month 0 (default false)",
    ),
  plantTypes: z.array(z.string()).default([]).describe('plant types this template applies to; empty = any'),
  makes: templateMakes,
  cite: sourceRefs,
});

const front = z.strictObject({
  id,
  name: text,
  intensity: nonNeg.describe('multiplier on demand and Red fires'),
  ewLevel: z.number().int().min(0).max(3),
  forces: z.strictObject({ blue: nonNeg, red: nonNeg }),
  territory: z.strictObject({ value: z.number().int(), min: z.number().int(), max: z.number().int() }),
  demand: z
    .array(z.strictObject({ product: id, perMonth: nonNeg }))
    .max(20)
    .describe('units per month the front consumes at intensity 1'),
  blueBaseFires: nonNeg.describe('effective fires per month from sources outside the game'),
  redFires: nonNeg.describe('Red effective fires per month at intensity 1'),
  attrition: z.strictObject({
    blue: nonNeg.describe('Blue force lost per Red effective fire'),
    red: nonNeg.describe('Red force lost per Blue effective fire'),
  }),
  casualtiesPerForce: nonNeg.default(1).describe('casualties reported per unit of force lost'),
  cite: sourceRefs,
});

/**
 * Finished goods for sale abroad (README, "Purchases from third countries"). Without the optional
 * fields it is one lump, as before: all of `qty` on sale at once at `price`, no rival.
 */
const marketOffer = z.strictObject({
  type: z.literal('marketOffer'),
  product: id,
  qty: nonNeg.describe('units on sale in all'),
  price: nonNeg.describe('€ per unit before escalation'),
  deliveryMonths: months.describe('months between a purchase and its arrival'),
  releasePerMonth: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('units the seller releases each month (at most); absent = all of qty at once'),
  carryOver: z
    .boolean()
    .optional()
    .describe(
      'whether units released and not bought stay on sale the next month; absent = no (sold elsewhere)',
    ),
  escalation: nonNeg
    .optional()
    .describe(
      'price rise per release-worth sold: price × (1 + escalation × units sold ÷ release); absent = 0',
    ),
  rivalBids: z
    .boolean()
    .optional()
    .describe(
      'whether rival buyers may outbid the Blue side for it: the adversary (outbidOffer order) or rival buyers abroad while a rivalBid effect is in force, by rules.outbid; absent = no',
    ),
});

/**
 * Rival buyers abroad (other countries, not a team) bidding for offers open to rival bids while the
 * inject is in force: the adversary's outbid (`rules.outbid`) applied to each release, with no
 * adversary team needed.
 */
const rivalBid = z
  .strictObject({
    type: z.literal('rivalBid'),
    product: id.optional().describe('the offers bid for: those of this product; absent = every one'),
  })
  .describe(
    'while in force, rival buyers take (1 − rules.outbid.capMultiplier) of each release of the offers open to rival bids before anyone else, and their price is × rules.outbid.priceMultiplier',
  );

/** The closed set of inject effects the engine interprets. */
export const effect = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('componentSupply'),
    origin: z.string().optional(),
    component: id.optional(),
    capMultiplier: nonNeg.default(1),
    priceMultiplier: nonNeg.default(1),
  }),
  z.strictObject({
    type: z.literal('productionMultiplier'),
    productClass: z.string().optional(),
    product: id.optional(),
    multiplier: nonNeg,
    unlessStock: z.strictObject({ team: id, item: id, atLeast: nonNeg }).optional(),
  }),
  z.strictObject({
    type: z.literal('effectMultiplier'),
    productClass: z.string(),
    multiplier: nonNeg,
    untilShare: z.strictObject({ product: id, of: z.array(id).min(1), atLeast: share }).optional(),
  }),
  z.strictObject({ type: z.literal('redFires'), front: id.optional(), multiplier: nonNeg }),
  z.strictObject({ type: z.literal('blueBaseFires'), front: id.optional(), multiplier: nonNeg }),
  z.strictObject({
    type: z.literal('demand'),
    front: id.optional(),
    product: id.optional(),
    multiplier: nonNeg,
  }),
  z.strictObject({ type: z.literal('ewLevel'), front: id.optional(), delta: z.number().int() }),
  z.strictObject({ type: z.literal('qualificationDelay'), months: months }),
  z.strictObject({ type: z.literal('leadTimeDelay'), templateKind: z.string().optional(), months: months }),
  z.strictObject({ type: z.literal('lineStoppage'), plant: id, months: months }),
  z.strictObject({ type: z.literal('money'), team: id, delta: money }),
  z.strictObject({ type: z.literal('politicalCapital'), team: id, delta: z.number().finite() }),
  z.strictObject({
    type: z.literal('unlockLever'),
    lever: z.enum(['priorityRatings', 'subsidies', 'multiYear', 'exportControls']),
  }),
  marketOffer,
  rivalBid,
]);
export type Effect = z.infer<typeof effect>;
export type MarketOfferEffect = z.infer<typeof marketOffer>;

/**
 * Effects carried out once, when their inject starts; every other effect applies for as long as its
 * inject is active. A recurring inject that is permanent (`durationMonths: 0`) may carry only these.
 */
export const ONE_SHOT_EFFECTS: ReadonlySet<Effect['type']> = new Set([
  'money',
  'politicalCapital',
  'unlockLever',
  'ewLevel',
  'lineStoppage',
  'qualificationDelay',
  'marketOffer',
]);

const trigger = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('month'), month: z.number().int().min(1) }),
  z.strictObject({
    type: z.literal('condition'),
    metric,
    op: comparison,
    value: z.number().finite(),
    fromMonth: z.number().int().min(1).default(1),
  }),
  z.strictObject({
    type: z.literal('chance'),
    perMonth: share,
    fromMonth: z.number().int().min(1).default(1),
  }),
  z.strictObject({ type: z.literal('facilitator') }),
  z
    .strictObject({
      type: z.literal('recurring'),
      fromMonth: z.number().int().min(1).describe('month of the first occurrence'),
      everyMonths: z.number().int().min(1).max(120).describe('months between occurrences'),
      untilMonth: z.number().int().min(1).optional().describe('last month an occurrence may start in'),
      times: z.number().int().min(1).max(120).optional().describe('at most this many occurrences'),
    })
    .describe(
      'starts in fromMonth, fromMonth + everyMonths, … (until untilMonth, at most `times` times, counting any the White Cell fires by hand)',
    ),
]);
export type Trigger = z.infer<typeof trigger>;

/**
 * Notes for the White Cell only (when to fire, what history says, what to watch). The views strip them
 * for every other audience: teams, the room display and observers never receive them.
 */
const guidance = ltext
  .optional()
  .describe('for the facilitator only: never shown to teams, display or observers');

/** One of the outcomes an inject chooses among; its effects add to the inject's own. */
const injectOption = z.strictObject({
  id,
  label: ltext.describe('what happened, in words: the news names it when it is drawn'),
  weight: z.number().positive().finite().describe('relative odds among the options'),
  effects: z.array(effect).max(10).default([]),
});

const inject = z.strictObject({
  id,
  title: ltext,
  description: ltext.describe('what every seat reads in the news when the inject starts'),
  guidance,
  trigger,
  durationMonths: months.describe('0 = permanent for one-shot effects such as money'),
  effects: z.array(effect).max(10).default([]).describe('what happens every time the inject starts'),
  options: z
    .array(injectOption)
    .min(2)
    .max(8)
    .optional()
    .describe("one of these happens as well, drawn by weight with the exercise's seeded dice"),
  concession: z
    .strictObject({
      team: id.describe('the team that may make it (not an adversary)'),
      politicalCapital: z.number().positive().finite().describe('political capital it costs the team'),
      money: z
        .number()
        .nonnegative()
        .finite()
        .optional()
        .describe(
          '€ it costs the team as well, paid to the world (a joint purchase abroad, a buy-out); none if absent',
        ),
    })
    .optional()
    .describe(
      'a team may avert the inject before it starts by spending political capital, and money if it says so (a concede order; from the next month on)',
    ),
  cite: sourceRefs,
});

const levers = z.strictObject({
  priorityRatings: z.boolean().default(false),
  subsidies: z.boolean().default(false),
  multiYear: z.boolean().default(false),
  exportControls: z.boolean().default(false),
});

const rules = z.strictObject({
  territoryBands: z
    .array(z.strictObject({ below: z.number().positive().nullable(), move: z.number().int() }))
    .min(1)
    .describe('Blue/Red fire ratio bands in ascending order; the last has below: null'),
  ewLevelMax: z.number().int().min(0).max(3).default(3),
  strike: z.strictObject({
    cost: nonNeg.describe('€ Red pays per strike'),
    dice: z.number().int().min(1).max(6),
    sides: z.number().int().min(2).max(20),
    successAtLeast: z.number().int().min(1),
    damageMonths: months,
    target: z
      .enum(['outputValue', 'criticality'])
      .default('outputValue')
      .describe(
        "how the adversary ranks plants to strike: last month's output at market price (€), or each plant's criticality",
      ),
  }),
  ewUpgradeCost: nonNeg,
  outbid: z.strictObject({
    cost: nonNeg,
    priceMultiplier: nonNeg,
    capMultiplier: nonNeg,
    months: z
      .number()
      .int()
      .min(1)
      .max(24)
      .default(1)
      .describe(
        "months an outbid holds after the month it is ordered in (its purchases, or the offer's release)",
      ),
  }),
  redSurge: z.strictObject({ costPerFire: nonNeg.describe('€ per extra Red effective fire') }),
  workforce: z.strictObject({
    hireCost: nonNeg.describe('€ per hire'),
    wagePerMonth: nonNeg.describe('€ per skilled worker per month'),
    trainingMonths: months,
    traineesPerInstructor: nonNeg,
    turnoverPerMonth: share
      .default(0)
      .describe(
        'share of each plant’s skilled workforce that leaves at the end of every month (whole people)',
      ),
  }),
  shifts: z
    .strictObject({
      max: z.number().int().min(1).max(4).describe('most shifts a line can work'),
      outputPerShift: share.describe(
        'share of one-shift nameplate each shift beyond the first adds (night shifts run slower)',
      ),
      wagePremium: nonNeg.describe('extra wage share paid to the crew of each shift beyond the first'),
      overtime: z
        .strictObject({
          output: share.describe('share of nameplate overtime adds, on top of the shifts'),
          wagePremium: nonNeg.describe('extra wage share paid to every crew of the line on overtime'),
          maxMonths: z.number().int().min(1).max(24).describe('consecutive months a line can work overtime'),
          restMonths: months.describe('months without overtime after it runs out'),
        })
        .optional(),
    })
    .optional()
    .describe('extra shifts and overtime as a surge lever (setShifts order); absent = not possible'),
  multiYearDiscount: share.describe('price cut a multi-year contract brings'),
  cancellationTrustPenalty: nonNeg,
  rejectRatedPoliticalCost: nonNeg.describe('political capital a seller loses to refuse a rated order'),
  ratings: z
    .strictObject({
      buyers: z
        .array(z.enum(['government', 'alliance', 'procurement', 'military']))
        .min(1)
        .max(4)
        .default([...RATED_BUYERS])
        .describe('team kinds whose own orders may carry a priority rating (the rating authorities)'),
      flowDown: z
        .boolean()
        .default(true)
        .describe(
          "whether a firm holding a rated contract places that rating on its own orders for the rated product's inputs (contracts for intermediate products, purchases of components), up to what its rated units still need (DPAS)",
        ),
    })
    .default({ buyers: [...RATED_BUYERS], flowDown: true })
    .describe(
      'who may rate an order, and whether ratings flow down to suppliers (README, "Ratings flow down")',
    ),
  capexBacklogMonths: months.describe('months of contracted backlog bots require before capex'),
  capexSubsidyShare: share.describe('subsidy share that lets bots invest without backlog'),
  exportControlMonths: months
    .default(6)
    .describe('months an export control shields a component from outbidding'),
  yieldTriangular: z.strictObject({ min: share, mode: share, max: share }),
  leadTimeJitterMonths: months.default(0),
  daysPerMonth: z.number().int().min(28).max(31).default(30),
  supplyTargetDays: nonNeg.default(30),
  freeForm: z
    .strictObject({
      defaultOdds: z
        .number()
        .int()
        .min(0)
        .max(100)
        .describe('% chance a free-form action succeeds when the White Cell accepts the default odds'),
    })
    .default({ defaultOdds: 50 })
    .describe('free-form actions (matrix-game arguments) adjudicated by the White Cell'),
});

const kpi = z.strictObject({ id, label: ltext, metric, unit: z.string().max(20).default('') });

const source = z.strictObject({
  id: z.string().min(1).max(40),
  url: z.string().url(),
  note: z.string().max(400).optional(),
});

export const scenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  meta: z.strictObject({
    id,
    title: ltext,
    summary: ltext,
    guidance,
    startMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must look like 2025-02'),
    turns: z.number().int().min(1).max(120),
    currency: z.string().length(3).default('EUR'),
    language: lang.default('en').describe('the language of plain-string texts; others come as { en, fr }'),
    names: z
      .strictObject({
        acceptance: z
          .string()
          .min(1)
          .max(60)
          .default('the customer')
          .describe('who accepts new products, as narration names it: "the DGA", "the Army"'),
        blueSide: z
          .string()
          .min(1)
          .max(60)
          .default('the Blue side')
          .describe('the side the players mobilise, as narration names it: "Europe", "the Coalition"'),
      })
      .default({ acceptance: 'the customer', blueSide: 'the Blue side' })
      .describe('names of authorities and institutions used in the narration'),
  }),
  teams: z.array(team).min(1).max(24),
  products: z.array(product).min(1).max(50),
  components: z.array(component).max(50).default([]),
  plants: z.array(plant).max(50).default([]),
  sites: z
    .array(site)
    .max(50)
    .default([])
    .describe('land where a new plant can be built from scratch (buildPlant order)'),
  templates: z.array(conversionTemplate).max(20).default([]),
  fronts: z.array(front).max(10).default([]),
  injects: z.array(inject).max(60).default([]),
  levers,
  rules,
  kpis: z.array(kpi).max(40).default([]),
  sources: z.array(source).max(200).default([]),
});

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.infer<typeof scenarioSchema>;
export type Team = Scenario['teams'][number];
export type Product = Scenario['products'][number];
export type Component = Scenario['components'][number];
export type ComponentSource = Component['sources'][number];
export type Plant = Scenario['plants'][number];
export type Site = Scenario['sites'][number];
export type Template = Scenario['templates'][number];
export type FrontSpec = Scenario['fronts'][number];
export type Inject = Scenario['injects'][number];
export type InjectOption = NonNullable<Inject['options']>[number];
export type Lever = keyof Scenario['levers'];
