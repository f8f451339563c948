import { ErrorCode, violation } from '../../schema/codes.ts';
import type { Order } from '../../schema/commands.ts';
import { say } from '../finance.ts';
import { findLine, isViolation, type Handler } from './plan.ts';

type Of<T extends Order['type']> = Extract<Order, { type: T }>;

/**
 * Set the shifts a line works, and overtime, from this month's production on (rules.shifts): more
 * output for a wage premium, each shift needing its own crew; overtime for a limited run of months.
 */
export const setShifts: Handler<Of<'setShifts'>> = ({ s, g, team, month }, o) => {
  const r = s.rules.shifts;
  if (!r)
    return violation(ErrorCode.LeverDisabled, 'This scenario has no extra shifts or overtime.', 'shifts');
  const found = findLine(g, team, o.plant, o.line);
  if (isViolation(found)) return found;
  const line = found.line!;
  if (o.shifts > r.max)
    return violation(ErrorCode.TooManyShifts, `A line can work at most ${r.max} shifts.`, 'shifts');
  if (o.overtime && !r.overtime)
    return violation(ErrorCode.LeverDisabled, 'This scenario has no overtime.', 'overtime');
  if (o.overtime && !line.overtime && month < line.restUntil)
    return violation(
      ErrorCode.OvertimeResting,
      `${line.name}'s crews must rest from overtime until month ${line.restUntil}.`,
      'overtime',
    );
  return {
    cost: 0,
    draws: [{ kind: 'once', action: 'shifts', target: `${o.plant}/${o.line}` }],
    apply: ({ g, news }) => {
      const l = g.plants[o.plant]!.lines.find((x) => x.id === o.line)!;
      l.shifts = o.shifts;
      if (!o.overtime) l.overtimeMonths = 0;
      l.overtime = o.overtime;
      say(
        news,
        month,
        'workforce',
        {
          key: o.overtime ? 'line.shiftsOvertime' : 'line.shifts',
          plant: o.plant,
          line: o.line,
          shifts: o.shifts,
        },
        [team],
      );
    },
  };
};
