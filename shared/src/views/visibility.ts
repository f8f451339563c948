import type { Command, LogEntry } from '../schema/commands.ts';
import type { Scenario } from '../schema/scenario.ts';
import type { ExerciseState, Note } from '../exercise/types.ts';
import type { Contract, NewsEvent } from '../engine/state.ts';
import { contractById } from '../engine/contracts.ts';
import { concessionsFor } from '../engine/injects.ts';
import { indexOf } from '../engine/lookup.ts';
import { readsMessage, type Readable } from '../exercise/messages.ts';

export { recipientsOf } from '../exercise/messages.ts';

/**
 * Who may see what: the one module that decides it. `views.ts` shapes an audience's view with these
 * rules; the replay timeline and the server's seat export filter the log with `entryVisibleTo`, which
 * rests on the same rules. The facilitator and observers see everything; a team sees its own money,
 * orders, plants and contracts, public news, announcements to everyone or to it and the messages it
 * sent or received (the scenario may make a team's money or plants public); the room display sees only
 * what is public.
 */
export type Audience =
  { role: 'facilitator' } | { role: 'team'; team: string } | { role: 'observer' } | { role: 'display' };

/** Whether an audience sees everything (the White cell's seats). */
export const seesAll = (audience: Audience): boolean =>
  audience.role === 'facilitator' || audience.role === 'observer';

/** The team an audience plays, or null. */
export const teamOf = (audience: Audience): string | null =>
  audience.role === 'team' ? audience.team : null;

/** An audience as the rules read it. */
interface Seat {
  all: boolean;
  team: string | null;
  display: boolean;
}

const seatOf = (audience: Audience): Seat => ({
  all: seesAll(audience),
  team: teamOf(audience),
  display: audience.role === 'display',
});

function seesMessage(v: Seat, m: Readable): boolean {
  return readsMessage(v, m);
}

function seesNote(v: Seat, n: Pick<Note, 'kind' | 'team'>): boolean {
  return v.all || (n.kind === 'announcement' && (!n.team || n.team === v.team));
}

function seesContract(v: Seat, c: Pick<Contract, 'buyer' | 'seller'>): boolean {
  return v.all || (v.team !== null && (c.buyer === v.team || c.seller === v.team));
}

/**
 * Whether an audience may read a message: the facilitator and observers every one; a team those it
 * sent or received and those to everyone; the room display those to everyone. For views, for the
 * pages of older messages and for the log.
 */
export function canReadMessage(audience: Audience, m: Readable): boolean {
  return seesMessage(seatOf(audience), m);
}

/** One audience's rules, with the scenario's public figures looked up once. */
export class Visibility implements Seat {
  /** The facilitator and observers see everything. */
  readonly all: boolean;
  /** The team the audience plays, or null. */
  readonly team: string | null;
  /** The room display: what is public, and not the market. */
  readonly display: boolean;
  /** A military team sees the stock at the fronts. */
  readonly frontStock: boolean;
  private readonly publicMoney: ReadonlySet<string>;
  private readonly publicPlants: ReadonlySet<string>;

  constructor(
    s: Scenario,
    readonly audience: Audience,
  ) {
    ({ all: this.all, team: this.team, display: this.display } = seatOf(audience));
    this.publicMoney = new Set(s.teams.filter((t) => t.public.money).map((t) => t.id));
    this.publicPlants = new Set(s.teams.filter((t) => t.public.plants).map((t) => t.id));
    this.frontStock =
      this.all || (this.team !== null && indexOf(s).teams.get(this.team)?.kind === 'military');
  }

  /** A team's money (and its month-by-month money in the history). */
  money(teamId: string): boolean {
    return this.all || teamId === this.team || this.publicMoney.has(teamId);
  }

  /** A team's score. */
  score(teamId: string): boolean {
    return this.all || teamId === this.team;
  }

  /** A plant's lines, stock and workforce (its name and owner are public). */
  plantDetail(owner: string): boolean {
    return this.all || owner === this.team || this.publicPlants.has(owner);
  }

  /** The market's offers: every seat but the room display. */
  market(): boolean {
    return !this.display;
  }

  news(e: Pick<NewsEvent, 'to'>): boolean {
    return this.all || !e.to || (this.team !== null && e.to.includes(this.team));
  }

  /** A news item's audience list is itself a hint of who deals with whom: only `all` keeps it. */
  newsAudience(): boolean {
    return this.all;
  }

  message(m: Readable): boolean {
    return seesMessage(this, m);
  }

  note(n: Pick<Note, 'kind' | 'team'>): boolean {
    return seesNote(this, n);
  }

  contract(c: Pick<Contract, 'buyer' | 'seller'>): boolean {
    return seesContract(this, c);
  }

  /** A free-form action, its argument and its outcome: the team that proposed it and the White cell. */
  action(a: { team: string }): boolean {
    return this.all || a.team === this.team;
  }

  componentOrder(o: { team: string }): boolean {
    return this.all || o.team === this.team;
  }

  /** Orders, overrides, fired injects and the adjudication under review: the White cell's. */
  whiteCell(): boolean {
    return this.all;
  }
}

/**
 * The scenario as an audience may see it: everything for the facilitator; for observers everything but
 * the White Cell's guidance (on the exercise and on each inject); for the display no injects, and for
 * a team only those it may avert by a concession (its order form offers them, with their terms; the
 * rest are the White Cell's surprises, and active ones travel in the view), and of the other teams
 * neither their objectives nor, unless the scenario makes it public, their starting money,
 * appropriation and political capital (shown as 0). Order forms and live validation need the rest.
 */
export function scenarioFor(s: Scenario, audience: Audience): Scenario {
  if (audience.role === 'facilitator') return s;
  const { guidance: _guidance, ...meta } = s.meta;
  if (audience.role === 'observer')
    return { ...s, meta, injects: s.injects.map(({ guidance: _g, ...inj }) => inj) };
  const own = teamOf(audience);
  const teams = s.teams.map((t) => {
    if (t.id === own) return t;
    const money = t.public.money ? {} : { money: 0, appropriation: 0, politicalCapital: 0 };
    return { ...t, ...money, objectives: [] };
  });
  const injects = concessionsFor(s, own).map(({ guidance: _g, ...inj }) => inj);
  return { ...s, meta, teams, injects };
}

/** The facilitator's controls everyone sees happen (the rest of what the facilitator does is private). */
const PUBLIC_FACILITATOR = new Set<Command['type']>([
  'startBriefing',
  'startPlanning',
  'adjudicate',
  'publish',
  'pause',
  'resume',
  'end',
  'fireInject',
  'adHocInject',
  'setDeadline',
  'extendDeadline',
  'pauseTimer',
  'resumeTimer',
  'setBot',
]);

const CONTRACT_MOVES = new Set<Command['type']>([
  'counterContract',
  'acceptContract',
  'rejectContract',
  'cancelContract',
]);

/**
 * Which log entries an audience may read (a replay's timeline, a seat's export), by the rules above: a
 * team reads its own commands, the facilitator's public controls, announcements and messages it may
 * see, and moves on contracts it is party to; the room display only what is public. A whitelist:
 * orders, overrides, private notes, annotations and re-seeding stay with the White cell. `state` is
 * any state in which the entry's contract exists (the final state of the log will do).
 */
export function entryVisibleTo(
  audience: Audience,
  state: ExerciseState,
  entry: Pick<LogEntry, 'actor' | 'command'>,
): boolean {
  const v = seatOf(audience);
  if (v.all) return true;
  const { team } = v;
  const { actor, command } = entry;
  if (actor.role === 'system') return true;
  if (team !== null && actor.role === 'team' && actor.team === team) return true;
  if (command.type === 'message') {
    const [to = '', ...cc] = Array.isArray(command.to) ? command.to : [command.to];
    return seesMessage(v, { from: actor.role === 'team' ? actor.team : 'facilitator', to, cc });
  }
  if (actor.role === 'facilitator') {
    if (PUBLIC_FACILITATOR.has(command.type)) return true;
    return command.type === 'note' && seesNote(v, command);
  }
  if (team === null || actor.role !== 'team') return false;
  if (command.type === 'offerContract') return command.counterparty === team;
  if (CONTRACT_MOVES.has(command.type) && 'contract' in command) {
    const contract = contractById(state.context.game, command.contract);
    return contract !== undefined && seesContract(v, contract);
  }
  return false;
}
