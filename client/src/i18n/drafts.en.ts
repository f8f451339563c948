/**
 * Unsent draft orders and the deadline, as the White Cell is warned of them: spread into `en.ts`;
 * `drafts.fr.ts` gives every key.
 */
export const draftsEn = {
  'drafts.team': '{team} ({n} orders)',
  'drafts.team.one': '{team} ({n} order)',
  'alerts.drafts': 'Unsent draft orders: {teams}',
  'alerts.noDrafts': 'No unsent draft orders',
  'revx.confirmDrafts': 'Unsent draft orders (they will not count): {teams}.',
  'alerts.deadlineWithout': 'When it runs out the month is adjudicated without orders from {teams}.',
  'alerts.deadlineDrafts': 'Unsent drafts will not count: {teams}.',
  'revx.byDeadline': 'Time ran out at {time}: the server adjudicated month {month} by itself.',
  'revx.drafts':
    'Unsent draft orders when the month was adjudicated (the orders the server held counted): {teams}.',
} as const;
