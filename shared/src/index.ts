export * from './schema/scenario.ts';
export * from './schema/validate.ts';
export * from './schema/bounds.ts';
export * from './schema/commands.ts';
export * from './schema/codes.ts';
export * from './engine/state.ts';
export { adjudicate, KIND_SEQUENCE, type Adjudication } from './engine/adjudicate.ts';
export { orderCosts, validateOrders, ORDER_KINDS } from './engine/orders.ts';
export { applyContractCommand, contractById, contractIndex, scheduledBy } from './engine/contracts.ts';
export {
  viewFor,
  ViewBuilder,
  scenarioFor,
  canReadMessage,
  messagesBefore,
  messageWindowStart,
  type ViewOptions,
  type Audience,
  type View,
  type TeamSummary,
  type PlantSummary,
  type PublicMonth,
} from './views/views.ts';
export { announcementsNow } from './views/announcements.ts';
export { guideProgress, guideStepDone } from './views/guide.ts';
export { entryVisibleTo, recipientsOf, seesAll, teamOf, Visibility } from './views/visibility.ts';
export { checkEffects } from './machine/actions.ts';
export {
  effectFromEntries,
  effectKinds,
  EFFECT_REFS,
  type EffectEntries,
  type EffectField,
  type EffectKind,
  type EffectRef,
} from './schema/effectFields.ts';
export { botCommands, botStrengthOf } from './bots/index.ts';
export { metricValue, objectiveStatus, teamScore } from './engine/metrics.ts';
export {
  concessionsFor,
  injectCondition,
  injectFromMonth,
  injectStatuses,
  nextOccurrences,
  optionShares,
  type InjectStatus,
} from './engine/injects.ts';
export { batchCost, unitCost } from './engine/production.ts';
export { doublings, labourFactor, rateFactor } from './engine/learning.ts';
export { crewNeeded, crewPerShift } from './engine/crew.ts';
export { blankTeam, initialGame } from './engine/init.ts';
export { indexOf, monthLabel } from './engine/lookup.ts';
export { strikeTargets, strikeValue } from './engine/strike.ts';
export { shareInputs, type InputClaim } from './engine/inputs.ts';
export { checkFlowDown, flowDownRoom, ratesByFlowDown } from './engine/ratings.ts';
export * from './exercise/types.ts';
export {
  investProducts,
  lineProduct,
  templateMakes,
  templateFitsPlant,
  templatesFor,
  productsOf,
} from './engine/templates.ts';
export {
  createExercise,
  applyCommand,
  authorise,
  phaseAccepts,
  replay,
  hashState,
  type ExerciseSetup,
  type ApplyResult,
  type ApplyOptions,
} from './machine/exercise.ts';
export * from './util/canonical.ts';
export * from './util/issues.ts';
export { Dice, nextRandom, seedState } from './util/rng.ts';
export { Autoplay } from './bots/autoplay.ts';
export {
  buildReport,
  reportCsv,
  type AfterActionReport,
  type Decision,
  type ReportMonth,
} from './report/report.ts';
export { reportHtml } from './report/html.ts';
export {
  lookaheadTrial,
  lookaheadTrials,
  summariseTrials,
  type Spread,
  type TrialOutcome,
} from './bots/lookahead.ts';
export * from './replay/index.ts';
export { curveSteps, rampLength, rampShareAt, rampSteps } from './engine/ramp.ts';
export {
  checkPolicy,
  fireFlags,
  parsePolicyText,
  playPolicy,
  policySchema,
  type Policy,
  type PolicyAction,
  type PolicyRejection,
} from './bots/scripted.ts';
export * from './balance/index.ts';
export * from './narration/index.ts';
export {
  LANGS,
  lang,
  localizedText,
  pickText,
  textLanguages,
  type Lang,
  type LocalizedText,
} from './schema/text.ts';
