import type { View } from '@arsenal/shared';

/**
 * One thing that changed between the view a person decided on and the view the server holds, in the
 * person's terms: "AutoCo withdrew offer c6", "planning closed", "Ben sent new orders". Names are read
 * from the newer view; the client's dictionary words them (`change.<kind>`).
 */
export type ViewChange =
  | { kind: 'contract'; action: string; who: string; contract: string }
  | { kind: 'phase'; phase: string }
  | { kind: 'month'; month: number }
  | { kind: 'orders'; by: string };

/**
 * What changed between two views of one seat that a refusal for a stale view should name. Only the
 * seat's own views are compared, so nothing here can reveal what the seat may not see.
 */
export function whatChanged(before: View, after: View): ViewChange[] {
  const out: ViewChange[] = [];
  const name = (team: string) => after.teams.find((t) => t.id === team)?.name ?? team;
  if (after.month !== before.month) out.push({ kind: 'month', month: after.month });
  else if (after.phase !== before.phase) out.push({ kind: 'phase', phase: after.phase });
  const earlier = new Map(before.contracts.map((c) => [c.id, c.history.length]));
  for (const c of after.contracts)
    for (const h of c.history.slice(earlier.get(c.id) ?? 0))
      out.push({ kind: 'contract', action: h.action, who: name(h.by), contract: c.id });
  const set = after.me?.orderSet;
  if (set && set.seq !== before.me?.orderSet?.seq) out.push({ kind: 'orders', by: set.by ?? '' });
  return out;
}
