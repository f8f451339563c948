import { applyContractCommand } from '@arsenal/shared';
import type { View } from '@arsenal/shared';
import type { TeamCommand } from '@arsenal/shared';
import type { Scenario } from '@arsenal/shared';
import { gameFromView } from './gameFromView.ts';

type ContractCommand = Exclude<TeamCommand, { type: 'submitOrders' | 'proposeAction' }>;

/** The engine's verdict on a contract move, on the state rebuilt from the team's view; null if legal. */
export function checkContract(
  s: Scenario,
  view: View,
  team: string,
  cmd: ContractCommand,
): { code: string; message: string; field: string | null } | null {
  const r = applyContractCommand(s, gameFromView(view), team, cmd);
  if ('g' in r) return null;
  return { code: r.code, message: r.message, field: r.path ? (r.path.split('.').pop() ?? null) : null };
}
