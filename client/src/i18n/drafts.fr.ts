import type { draftsEn } from './drafts.en.ts';

/** Les ordres en brouillon non envoyés et l’échéance, dont l’animation est avertie. */
export const draftsFr: Record<keyof typeof draftsEn, string> = {
  'drafts.team': '{team} ({n} ordres)',
  'drafts.team.one': '{team} ({n} ordre)',
  'alerts.drafts': 'Ordres en brouillon non envoyés : {teams}',
  'alerts.noDrafts': 'Aucun brouillon d’ordres non envoyé',
  'revx.confirmDrafts': 'Ordres en brouillon non envoyés (ils ne compteront pas) : {teams}.',
  'alerts.deadlineWithout': 'À l’échéance, le mois est arbitré sans les ordres de {teams}.',
  'alerts.deadlineDrafts': 'Les brouillons non envoyés ne compteront pas : {teams}.',
  'revx.byDeadline': 'Temps écoulé à {time} : le serveur a arbitré le mois {month} de lui-même.',
  'revx.drafts':
    'Ordres en brouillon non envoyés au moment de l’arbitrage (seuls les ordres reçus par le serveur ont compté) : {teams}.',
};
