/**
 * How cautious or bold the computer players are. The fractions are behaviour, not scenario figures.
 */
export const POLICY = {
  /** Share of its cash a government or alliance passes on each month. */
  passOnShare: 0.5,
  /** Months of front demand procurement tries to keep contracted ahead. */
  coverMonths: 4,
  /** Contract length for ordinary and multi-year contracts, months. */
  contractMonths: 6,
  multiYearMonths: 24,
  advancePct: 10,
  /** Lowest price, as a share of estimated cost, an industry bot accepts. */
  acceptMargin: 0.95,
  /** Smallest gap worth a new contract, as a share of the monthly need. */
  minOfferShare: 0.1,
  /** A firm does not convert a civil line more than this many times too big for the book it is for. */
  convertOversize: 4,
  /** Months of inputs an industry bot keeps ordered beyond the longest lead time. */
  inputCoverMonths: 1,
  /** Procurement subsidises capex once it holds more than this many months of its income. */
  subsidyAboveMonths: 6,
  /** Share of cash Red spends on surges after other actions. */
  surgeShare: 0.3,
  /** Keep this share of cash in reserve for wages and production. */
  reserveShare: 0.2,
} as const;

/** Line states whose product (or conversion target) needs inputs now or soon. */
export const PRODUCING = new Set(['ramp', 'rate', 'starved', 'retooling', 'qualifying']);

/** What the competent bots do differently (bots/competent). Behaviour, not scenario figures. */
export const COMPETENT = {
  /** Months of front demand procurement plans and contracts for ahead (capped at the game's end). */
  planMonths: 12,
  /** Share of the next `planMonths` of appropriations procurement commits on top of its cash. */
  futureIncomeShare: 0.8,
  /** Advance paid on contracts, %: working capital for the seller's inputs and hiring. */
  advancePct: 30,
  /** Multi-year orders ask for up to this multiple of the seller's present capacity (a demand signal). */
  signalMultiple: 3,
  /** Buy a market offer when the front holds less than this many days of a product. */
  emergencyDays: 10,
  /** Highest market-offer price accepted, as a multiple of the product's market price. */
  emergencyPriceMultiple: 2,
  /** A product is short when last month's deliveries met less than this share of front demand. */
  shortShare: 0.8,
  /** Share of its cash a government or alliance passes on each month. */
  passOnShare: 0.9,
  /** A concession is made this many months before the inject's month (or the opening of its window). */
  concedeMonthsAhead: 2,
  /** A concession on a conditional inject is made once its metric has gone this share of the way. */
  concedeProgress: 0.1,
  /** Months of its appropriation procurement keeps in reserve before granting capex subsidies. */
  subsidyReserveMonths: 1,
  /** Share of Red's cash spent on surges after other actions. */
  surgeShare: 0.6,
  /** Months of the wage premiums a firm must hold in cash to work extra shifts or overtime. */
  surgeCashMonths: 3,
  /** A new plant is built only if it would make units for at least this many months of the game. */
  greenfieldMinMonths: 4,
  /** Share of the units its lines will leave unmade that a new plant is sized for (the rest is risk). */
  greenfieldMaxShare: 0.8,
} as const;
