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
