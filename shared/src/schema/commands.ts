import { z } from 'zod';
import { effect, id, linePriority, outputMode, rating } from './scenario.ts';

/**
 * Commands are what people (and bots, and the server's clock) ask of an exercise. Every command that
 * crosses the wire is parsed by these strict schemas first; the machine and the engine then decide
 * whether it is legal now and for this seat.
 */

const qty = z.number().int().min(1).max(100_000_000);
const euros = z.number().finite().min(0).max(1e13);
/** Characters a message or a note may hold, after trimming (the client counts against it too). */
export const TEXT_MAX = 2000;
const note = z.string().trim().min(1).max(TEXT_MAX);
/** A free-form action's bounds: its title's length, the odds (%) and how long its effects hold (months). */
export const ACTION_LIMITS = {
  title: 200,
  odds: { min: 0, max: 100 },
  months: { min: 0, max: 120 },
} as const;

// ── Orders: gathered during planning, applied at adjudication in KIND_SEQUENCE's order ─────────────
/**
 * How well a computer player plays a seat: `passive` does nothing, `plain` plays simply, `competent`
 * plays as a competent player of the team's kind would (shared/src/bots).
 */
export const botStrength = z.enum(['passive', 'plain', 'competent']);
export type BotStrength = z.infer<typeof botStrength>;

export const orderSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('budget'),
    to: id,
    amount: euros.positive(),
    purpose: z.enum(['appropriation', 'subsidy', 'capexSubsidy']),
  }),
  z.strictObject({ type: z.literal('convertLine'), plant: id, line: id, product: id, template: id }),
  z.strictObject({ type: z.literal('revertLine'), plant: id, line: id }),
  z.strictObject({ type: z.literal('setLinePriority'), plant: id, line: id, priority: linePriority }),
  z
    .strictObject({
      type: z.literal('setOutputMode'),
      plant: id,
      line: id,
      mode: outputMode,
      stockTarget: z
        .number()
        .int()
        .min(0)
        .max(100_000_000)
        .default(0)
        .describe('units held beyond the backlog'),
    })
    .describe(
      "how a line sets its output from this month: all it can, or to its owner's orders and a stock target",
    ),
  z
    .strictObject({
      type: z.literal('setShifts'),
      plant: id,
      line: id,
      shifts: z.number().int().min(1).max(4),
      overtime: z.boolean().default(false),
    })
    .describe('shifts a line works from this month, and whether it works overtime'),
  z.strictObject({
    type: z.literal('invest'),
    plant: id,
    template: id,
    line: id.optional().describe('existing line to expand; omit to build a new line'),
    product: id,
    addNameplate: z.number().int().min(1).max(10_000_000).describe('units per month added'),
  }),
  z
    .strictObject({
      type: z.literal('buildPlant'),
      site: id,
      template: id,
      product: id,
      addNameplate: z.number().int().min(1).max(10_000_000).describe('units per month of the first line'),
    })
    .describe('build a new plant on a site with its first line (a greenfield template)'),
  z.strictObject({ type: z.literal('hire'), plant: id, count: z.number().int().min(1).max(100_000) }),
  z.strictObject({ type: z.literal('buyComponents'), component: id, source: id, qty }),
  z.strictObject({ type: z.literal('allocate'), front: id, product: id, qty }),
  z.strictObject({ type: z.literal('transfer'), to: id, item: id, qty }),
  z.strictObject({ type: z.literal('buyMarketOffer'), offer: z.string().min(1).max(60), qty }),
  z.strictObject({ type: z.literal('strike'), plant: id }),
  z.strictObject({ type: z.literal('ewUpgrade'), front: id }),
  z.strictObject({ type: z.literal('outbid'), component: id }),
  z
    .strictObject({ type: z.literal('outbidOffer'), offer: z.string().min(1).max(60) })
    .describe('the adversary outbids the Blue side for a market offer open to rival bids'),
  z
    .strictObject({ type: z.literal('repatriate'), item: id, qty })
    .describe('ship stock held abroad home; it arrives after the team’s abroad.shippingMonths'),
  z.strictObject({ type: z.literal('surge'), front: id, amount: euros.positive() }),
  z.strictObject({ type: z.literal('exportControl'), component: id }),
  z
    .strictObject({ type: z.literal('concede'), inject: id })
    .describe(
      'spend political capital to avert an inject that has not started (its concession): it never starts from the next month on',
    ),
]);
export type Order = z.infer<typeof orderSchema>;
export type OrderType = Order['type'];

export const MAX_ORDERS = 60;

export const contractTerms = z.strictObject({
  product: id,
  qty,
  unitPrice: euros,
  type: z.enum(['spot', 'annual', 'multiYear']),
  rating: rating.default('none'),
  months: z.number().int().min(1).max(120).describe('delivery schedule length; qty is spread evenly'),
  startsIn: z
    .number()
    .int()
    .min(0)
    .max(60)
    .default(0)
    .describe('months after signature before deliveries are due'),
  advancePct: z.number().min(0).max(100).default(0),
  penaltyPerUnitLate: euros.default(0).describe('€ the seller pays per unit delivered late, per month'),
  cancelFeePct: z
    .number()
    .min(0)
    .max(100)
    .default(0)
    .describe('% of the undelivered value the buyer pays to cancel'),
});
export type ContractTerms = z.infer<typeof contractTerms>;

// ── Commands ─────────────────────────────────────────────────────────────────────────────────────
export const teamCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('submitOrders'),
    orders: z.array(orderSchema).max(MAX_ORDERS),
    /** The `seq` of the team's order set this one was written on (0: none yet); a stale one is refused. */
    basedOn: z.number().int().nonnegative().optional(),
    /** The sender's name as their device knows it (shown to the team's other devices). */
    by: z.string().trim().min(1).max(60).optional(),
  }),
  z.strictObject({
    type: z.literal('offerContract'),
    counterparty: id,
    as: z.enum(['buyer', 'seller']),
    terms: contractTerms,
  }),
  z.strictObject({
    type: z.literal('counterContract'),
    contract: z.string().min(1).max(40),
    terms: contractTerms,
  }),
  z.strictObject({ type: z.literal('acceptContract'), contract: z.string().min(1).max(40) }),
  z.strictObject({ type: z.literal('rejectContract'), contract: z.string().min(1).max(40) }),
  z.strictObject({ type: z.literal('cancelContract'), contract: z.string().min(1).max(40) }),
  z
    .strictObject({
      type: z.literal('proposeAction'),
      title: z.string().trim().min(1, 'an action needs a title').max(ACTION_LIMITS.title),
      argument: z
        .string()
        .trim()
        .min(1, 'an action needs an argument: why it should work')
        .max(TEXT_MAX)
        .describe('why it should work: what the White Cell weighs when it sets the odds'),
    })
    .describe('a free-form action the rules do not list, adjudicated by the White Cell'),
]);

/** A log entry's seq (a message, a free-form action). */
const seqRef = z.number().int().min(1).max(1e12);

export const facilitatorCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('startBriefing') }),
  z.strictObject({ type: z.literal('startPlanning') }),
  z.strictObject({ type: z.literal('adjudicate') }),
  z.strictObject({
    type: z.literal('override'),
    target: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('money'), team: id }),
      z.strictObject({ kind: z.literal('stock'), team: id, item: id }),
      z.strictObject({ kind: z.literal('territory'), front: id }),
      z.strictObject({ kind: z.literal('ewLevel'), front: id }),
      z.strictObject({ kind: z.literal('force'), front: id, side: z.enum(['blue', 'red']) }),
      z.strictObject({ kind: z.literal('politicalCapital'), team: id }),
    ]),
    value: z.number().finite().min(-1e13).max(1e13),
    reason: z.string().trim().min(3, 'an override needs a reason').max(TEXT_MAX),
    /** Who is told "White Cell adjusted …" of a team's figure: that team (default) or everyone. */
    tell: z.enum(['team', 'all']).optional(),
  }),
  z.strictObject({ type: z.literal('publish') }),
  z.strictObject({ type: z.literal('pause') }),
  z.strictObject({ type: z.literal('resume') }),
  z.strictObject({ type: z.literal('end') }),
  z.strictObject({ type: z.literal('fireInject'), inject: id }),
  z
    .strictObject({ type: z.literal('delayInject'), inject: id, month: z.number().int().min(1).max(1000) })
    .describe('the inject starts no earlier than `month` (a scheduled or facilitator one starts then)'),
  z
    .strictObject({ type: z.literal('suppressInject'), inject: id })
    .describe('the inject never starts by itself'),
  z.strictObject({
    type: z.literal('adHocInject'),
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(TEXT_MAX).default(''),
  }),
  z.strictObject({
    type: z.literal('setDeadline'),
    at: z.number().int().min(0).max(8.64e15).nullable().describe('ms since epoch, or null to clear'),
  }),
  z.strictObject({ type: z.literal('extendDeadline'), ms: z.number().int().min(1).max(86_400_000) }),
  z
    .strictObject({ type: z.literal('pinNote'), seq: z.number().int().min(1), pinned: z.boolean() })
    .describe('a pinned announcement stays on screens past its month until it is unpinned'),
  z.strictObject({ type: z.literal('pauseTimer') }),
  z.strictObject({ type: z.literal('resumeTimer') }),
  z.strictObject({
    type: z.literal('setBot'),
    team: id,
    bot: z.boolean(),
    /** How well the bot plays; absent leaves the seat's strength as it is. */
    strength: botStrength.optional(),
  }),
  z
    .strictObject({
      type: z.literal('takeRfi'),
      message: seqRef,
      by: z.string().trim().min(1).max(60).optional(),
    })
    .describe('a facilitator takes a request for information (asked → taken); the answer is a reply to it'),
  z
    .strictObject({
      type: z.literal('adjudicateAction'),
      action: seqRef,
      /** % chance of success; absent: the scenario's default (`rules.freeForm.defaultOdds`). */
      odds: z.number().int().min(ACTION_LIMITS.odds.min).max(ACTION_LIMITS.odds.max).optional(),
      /** Applied on success, from the scenario's closed set of typed effects. */
      effects: z.array(effect).max(10),
      /** How long the lasting effects hold (0: one-shot effects only, such as money). */
      months: z.number().int().min(ACTION_LIMITS.months.min).max(ACTION_LIMITS.months.max).default(0),
      narration: z.string().trim().min(1, 'an adjudication needs a narration').max(TEXT_MAX),
    })
    .describe('rolls the exercise dice against the odds; on success the effects apply'),
  z.strictObject({
    type: z.literal('reseed'),
    seed: z
      .number()
      .int()
      .min(0)
      .max(0xffffffff)
      .describe('new dice from here on: the PRNG state becomes seedState(seed ^ current state)'),
  }),
]);

const recipient = z.union([id, z.literal('facilitator'), z.literal('all')]);
export const MAX_RECIPIENTS = 12;

/** Anyone with a seat may talk; the facilitator and observers may annotate. */
export const socialCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('message'),
    /** One recipient, or several (a team, 'facilitator'; 'all' stands alone). */
    to: z.union([recipient, z.array(recipient).min(1).max(MAX_RECIPIENTS)]),
    text: note,
    /** `rfi`: a request for information to the White Cell (asked → taken → answered). */
    kind: z.enum(['message', 'rfi']).optional(),
    /** The seq of the message this one answers: both are in one thread. */
    replyTo: seqRef.optional(),
  }),
  z.strictObject({
    type: z.literal('note'),
    text: note,
    kind: z.enum(['note', 'insight', 'annotation', 'announcement']).default('note'),
    team: id.optional(),
    inject: id.optional(),
    about: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('the seq of the log entry an annotation is about (the timeline marker)'),
    pinned: z
      .boolean()
      .optional()
      .describe('an announcement that stays on screens past its month (until unpinned)'),
  }),
]);

export const systemCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('deadlineExpired'), deadline: z.number().int() }),
]);

export const commandSchema = z.union([
  teamCommandSchema,
  facilitatorCommandSchema,
  socialCommandSchema,
  systemCommandSchema,
]);
export type TeamCommand = z.infer<typeof teamCommandSchema>;
export type FacilitatorCommand = z.infer<typeof facilitatorCommandSchema>;
export type SocialCommand = z.infer<typeof socialCommandSchema>;
export type Command = z.infer<typeof commandSchema>;

/** Who issued a command. */
export type Actor =
  | { role: 'facilitator' }
  | { role: 'team'; team: string }
  | { role: 'observer' }
  | { role: 'display' }
  | { role: 'system' };

export const actorSchema: z.ZodType<Actor> = z.discriminatedUnion('role', [
  z.strictObject({ role: z.literal('facilitator') }),
  z.strictObject({ role: z.literal('team'), team: id }),
  z.strictObject({ role: z.literal('observer') }),
  z.strictObject({ role: z.literal('display') }),
  z.strictObject({ role: z.literal('system') }),
]);

/** A SHA-256 digest in lower-case hex (log entries' hashes, state hashes). */
export const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex');

/** One accepted command in the log, as stored and as exported. `at` is wall-clock ms stamped by the server. */
export const logEntrySchema = z.strictObject({
  seq: z.number().int().min(1),
  at: z.number().int().min(0).max(8.64e15),
  actor: actorSchema,
  command: commandSchema,
  /** `hash` of the entry before (the genesis for the first). */
  prevHash: hex64,
  hash: hex64,
});
export type LogEntry = z.infer<typeof logEntrySchema>;
