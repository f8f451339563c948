/** Error codes that may cross the wire. Namespaced, stable, and safe to show to any seat. */
export const ErrorCode = {
  // Transport and parsing
  BadPayload: 'input/bad_payload',
  TooLarge: 'input/too_large',
  UnknownEvent: 'input/unknown_event',
  RateLimited: 'input/rate_limited',
  TooComplex: 'input/too_complex',
  BadHost: 'input/bad_host',
  // Authorisation
  Unauthenticated: 'auth/unauthenticated',
  Revoked: 'auth/revoked',
  Forbidden: 'auth/forbidden',
  ReadOnly: 'auth/read_only',
  BadCode: 'auth/bad_code',
  // Lifecycle
  WrongPhase: 'phase/not_allowed',
  Finished: 'phase/finished',
  Conflict: 'session/conflict',
  NotFound: 'session/not_found',
  Internal: 'server/internal',
  Busy: 'server/busy',
  /** The database did not answer in time: send the same command (same id) again. */
  Unavailable: 'server/unavailable',
  // Orders and contracts
  UnknownTeam: 'order/unknown_team',
  UnknownPlant: 'order/unknown_plant',
  UnknownSite: 'order/unknown_site',
  SiteTaken: 'order/site_taken',
  UnknownLine: 'order/unknown_line',
  UnknownProduct: 'order/unknown_product',
  UnknownComponent: 'order/unknown_component',
  UnknownSource: 'order/unknown_source',
  UnknownTemplate: 'order/unknown_template',
  UnknownFront: 'order/unknown_front',
  UnknownOffer: 'order/unknown_offer',
  ClosedToRivals: 'order/closed_to_rivals',
  UnknownInject: 'order/unknown_inject',
  InjectSettled: 'inject/settled',
  BadMonth: 'inject/bad_month',
  NotOwner: 'order/not_owner',
  WrongTeamKind: 'order/wrong_team_kind',
  OverBudget: 'order/over_budget',
  NotEnoughCapital: 'order/not_enough_capital',
  LineBusy: 'order/line_busy',
  TemplateMismatch: 'order/template_mismatch',
  TemplateCannotMake: 'order/template_cannot_make',
  NotEnoughStock: 'order/not_enough_stock',
  OverCapacity: 'order/over_capacity',
  Embargoed: 'order/embargoed',
  LeverDisabled: 'order/lever_disabled',
  TooManyShifts: 'order/too_many_shifts',
  OvertimeResting: 'order/overtime_resting',
  SelfDealing: 'order/self_dealing',
  DuplicateOrder: 'order/duplicate',
  StaleOrderSet: 'order/stale_set',
  UnknownContract: 'contract/unknown',
  NotParty: 'contract/not_party',
  BadContractState: 'contract/bad_state',
  NotYourMove: 'contract/not_your_move',
  RatingNotAllowed: 'contract/rating_not_allowed',
  /** A firm rating by flow-down asked to rate more than its rated contracts still need. */
  RatingBeyondNeed: 'contract/rating_beyond_need',
  UnknownTarget: 'override/unknown_target',
  OutOfBounds: 'override/out_of_bounds',
  // The White Cell's inbox and free-form actions
  UnknownMessage: 'message/unknown',
  RfiSettled: 'message/rfi_settled',
  UnknownAction: 'action/unknown',
  ActionSettled: 'action/settled',
  BadEffect: 'action/bad_effect',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A rule's refusal: returned, never thrown. */
export interface Violation {
  ok: false;
  code: ErrorCode;
  message: string;
  path: string;
}

export const violation = (code: ErrorCode, message: string, path = ''): Violation => ({
  ok: false,
  code,
  message,
  path,
});
