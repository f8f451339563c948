import type { ContractTerms, Order } from '../schema/commands.ts';
import type {
  Effect,
  Lever,
  LinePriority,
  LineState,
  OutputMode,
  Rating,
  Scenario,
} from '../schema/scenario.ts';
import type { NewsKind } from '../narration/catalog.ts';
import type { LocalizedText } from '../schema/text.ts';
import type { NewsMessage } from '../narration/render.ts';

/**
 * The engine's state: plain JSON, so that it hashes, snapshots and crosses the wire as it is.
 * Records are keyed by scenario ids and built in scenario order, so iteration order is deterministic.
 */

export interface LineRuntime {
  id: string;
  name: string;
  state: LineState;
  product: string | null;
  /** Product being converted to while retooling/qualifying. */
  target: string | null;
  template: string | null;
  /** units per month at full rate */
  nameplate: number;
  rampStep: number;
  yield: number;
  crew: number;
  /** € per month while civil */
  civilRevenue: number;
  cumUnits: number;
  /** Months left in a timed state (retooling, qualifying, damaged, reverting). */
  monthsLeft: number;
  /** State to return to once a stoppage or damage ends. */
  resumeState: LineState | null;
  /** Month the line last changed state by order; timed states only advance in later months. */
  since: number;
  /** Capacity being added by investment, tranche by tranche, until it reaches full rate. */
  expansions: CapacityTranche[];
  /** Claim on the owner's scarce inputs: high lines are served first, lines of one class pro rata. */
  priority: LinePriority;
  /** Shifts worked (nameplate is one shift's output); each needs its own crew. */
  shifts: number;
  /** Working overtime this month. */
  overtime: boolean;
  /** Consecutive months of overtime so far; at rules.shifts.overtime.maxMonths it stops. */
  overtimeMonths: number;
  /** First month overtime may be worked again after it ran out. */
  restUntil: number;
  /** `capacity`: make all it can; `toOrders`: make at most backlog + stock target − stock. */
  outputMode: OutputMode;
  /** Units of its product the owner wants in stock beyond its contract backlog. */
  stockTarget: number;
  /** € invested in the line during the game (conversion, expansions, the build of a new line). */
  capex: number;
  lastOutput: number;
  /** What limited output last month ("motors 0 of 400"). */
  limitedBy: string | null;
}

/**
 * Capacity added to a line by an expansion order. It is built (`leadMonths`), then qualified
 * (`qualificationMonths`), then in service along its template's ramp; at the end of the ramp it joins
 * the line's nameplate. Its crew is needed from the month it enters service, not before.
 */
export interface CapacityTranche {
  /** units per month at full rate */
  add: number;
  /** skilled workers the tranche needs once in service */
  crew: number;
  template: string;
  stage: 'building' | 'qualifying' | 'ramp';
  /** Months left building or qualifying. */
  monthsLeft: number;
  /** Ramp month reached (0-based) while in service. */
  rampStep: number;
  /** Month of the order; timed stages only advance in later months. */
  since: number;
}

export interface PlantRuntime {
  id: string;
  name: string;
  owner: string;
  type: string;
  skilled: number;
  convertible: number;
  trainees: { count: number; readyMonth: number }[];
  security: number;
  unionMood: number;
  lines: LineRuntime[];
  timesHit: number;
  /** A plant built on a site: under construction until `opensMonth`, when its recruits join. */
  building?: { site: string; opensMonth: number; skilled: number; convertible: number };
}

export interface TeamRuntime {
  id: string;
  money: number;
  politicalCapital: number;
  /** 0–100: buyers' reliability in sellers' eyes; cancellations cost trust. */
  trust: number;
  /** Stock of components and products held by the team. */
  stock: Record<string, number>;
  /** Stock held abroad, usable once shipped home (repatriate order); absent when the team has none. */
  abroad?: Record<string, number>;
  profit: number;
  /** Cumulative € received and paid, for conservation checks and reports. */
  received: number;
  paid: number;
  /** € granted as capex subsidy and not yet invested; investments draw on it first. */
  capexSubsidy: number;
  /** Components bought: total units, and units from sources exposed to embargo. */
  componentsBought: number;
  componentsExposed: number;
  unitsDue: number;
  unitsOnTime: number;
  /** Units/month of the team's capacity last month that no order or stock target called for. */
  idleCapacity: number;
  /** € of the capex invested this game that sat in that idle capacity last month. */
  strandedCapex: number;
}

export type ContractStatus = 'offered' | 'active' | 'completed' | 'rejected' | 'cancelled';

export interface Contract {
  id: string;
  buyer: string;
  seller: string;
  terms: ContractTerms;
  status: ContractStatus;
  /** The party whose answer is awaited while offered. */
  awaiting: string;
  startMonth: number;
  delivered: number;
  /** € paid so far by the buyer, advance included. */
  paid: number;
  history: { month: number; by: string; action: string }[];
}

export interface ComponentOrder {
  team: string;
  component: string;
  source: string;
  qty: number;
  arrivesMonth: number;
}

export interface FrontRuntime {
  id: string;
  ewLevel: number;
  blueForce: number;
  redForce: number;
  territory: number;
  stock: Record<string, number>;
  casualties: number;
  lastBlueFires: number;
  lastRedFires: number;
  /** Red's extra fires bought this month by surge orders. */
  redSurge: number;
  /** Units committed to this front this month, by product. */
  committed: Record<string, number>;
}

export interface ActiveInject {
  inject: string;
  title: LocalizedText;
  startMonth: number;
  /** First month in which the inject no longer applies; null = permanent. */
  endMonth: number | null;
  /** Effects in force: the inject's own, then those of its drawn option. */
  effects: Effect[];
  /** The id of the option drawn when the inject started, for an inject with options. */
  option?: string;
}

/**
 * Finished goods on sale abroad (a `marketOffer` effect). Public market figures: what is on release
 * and its price, never who bought it.
 */
export interface MarketOffer {
  id: string;
  product: string;
  /** Units left to sell in all. */
  qty: number;
  /** € per unit this month: escalation and any outbid included. */
  price: number;
  /** Months between a purchase and its arrival. */
  deliveryMonths: number;
  /** First month the offer is gone. */
  endMonth: number;
  /** € per unit before escalation. */
  basePrice: number;
  /** Units the seller releases each month (the whole quantity for a one-lump offer). */
  release: number;
  /** Units on sale this month: this month's release, plus what carried over. */
  available: number;
  /** Whether units released and not bought stay on sale the next month. */
  carryOver: boolean;
  /** Price rise per release-worth sold. */
  escalation: number;
  /** Units sold so far to every buyer, the rival included. */
  sold: number;
  /** Whether rival buyers (the adversary, or rival buyers abroad under a rivalBid effect) may outbid for it. */
  rivalBids: boolean;
  /** First month an outbid no longer applies (0: never outbid). */
  outbidUntil: number;
}

export interface PendingDelivery {
  team: string;
  item: string;
  qty: number;
  arrivesMonth: number;
  /** Stock of the team's own shipped home (absent: bought abroad). */
  repatriated?: boolean;
}

/**
 * One narrated consequence. `to` lists the teams allowed to see it; absent means public. `data` is the
 * message, a catalogued key with ids and figures (never text): readers get it in their language from
 * `narrate` (shared/src/narration), so narration changes no state hash.
 */
export interface NewsEvent {
  month: number;
  kind: NewsKind;
  to?: string[];
  data: NewsMessage;
}

export interface Payment {
  from: string;
  to: string;
  amount: number;
  reason: string;
}

/** Per-month record kept for charts, scores and the after-action report. */
export interface MonthRecord {
  month: number;
  output: Record<string, number>;
  deliveredToFronts: Record<string, number>;
  demand: Record<string, number>;
  money: Record<string, number>;
  territory: Record<string, number>;
  fireRatio: Record<string, number>;
  kpis: Record<string, Record<string, number>>;
}

export interface Ledger {
  produced: Record<string, number>;
  consumed: Record<string, number>;
  expended: Record<string, number>;
  imported: Record<string, number>;
  scrapped: Record<string, number>;
  /** Opening stock at home: held from the start or shipped home from abroad (absent when none). */
  opening?: Record<string, number>;
}

export interface GameState {
  /** 1-based month being played; becomes turns + 1 once the last month is adjudicated. */
  month: number;
  rng: number;
  teams: Record<string, TeamRuntime>;
  plants: Record<string, PlantRuntime>;
  /**
   * Every contract ever proposed, in the order they were made (ids c1, c2, … in increasing number).
   * A list rather than an id-keyed record: a contract move copies it, and copying a list of pointers
   * costs next to nothing where copying a record of hundreds of keys dominated replays.
   */
  contracts: Contract[];
  nextContract: number;
  componentOrders: ComponentOrder[];
  deliveries: PendingDelivery[];
  fronts: Record<string, FrontRuntime>;
  activeInjects: ActiveInject[];
  firedInjects: string[];
  /** Injects the White Cell moved to a later month: inject id → first month it may start. */
  delayedInjects?: Record<string, number>;
  /** Injects the White Cell took off the run sheet: they never start unless fired by hand. */
  suppressedInjects?: string[];
  embargoes: Record<string, number>;
  outbids: Record<string, number>;
  exportControls: Record<string, number>;
  levers: Record<Lever, boolean>;
  marketOffers: MarketOffer[];
  ledger: Ledger;
  /** Payments since the last publication: the planning month's contract moves, then its adjudication. */
  payments: Payment[];
  history: MonthRecord[];
  news: NewsEvent[];
}

export type { Order, Rating, Scenario };
