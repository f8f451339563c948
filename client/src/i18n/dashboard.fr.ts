import type { dashboardEn } from './dashboard.en.ts';

/** Le tableau de bord de l’animation, « voir comme », le briefing, le glossaire et le tutoriel guidé. */
export const dashboardFr: Record<keyof typeof dashboardEn, string> = {
  'alerts.title': 'À traiter maintenant',
  'alerts.questions': '{n} questions sans réponse : ouvrir la boîte de réception',
  'alerts.questions.one': '{n} question sans réponse : ouvrir la boîte de réception',
  'alerts.noQuestions': 'Aucune question sans réponse',
  'alerts.absent': 'Aucun appareil connecté : {teams}',
  'alerts.allConnected': 'Toutes les équipes humaines sont connectées',
  'alerts.waiting': 'Ordres pas encore envoyés : {teams}',
  'alerts.allSent': 'Toutes les équipes humaines ont envoyé leurs ordres',
  'alerts.deadline': 'Échéance :',
  'fac.showLink': 'Afficher le lien de l’animation',
  'fac.hideLink': 'Masquer le lien de l’animation',
  'fac.linkQr': 'QR code du lien de l’animation',
  'tab.viewAs': 'Voir comme',
  'viewAs.title': 'Voir comme un poste',
  'viewAs.intro':
    'Exactement ce que ce poste voit maintenant, tel que le serveur le lui envoie. En lecture seule ; suit l’exercice en direct.',
  'viewAs.seat': 'Poste',
  'viewAs.display': 'Écran de salle',
  'viewAs.sections': 'Les écrans de ce poste',
  'tab.briefing': 'Briefing',
  'brief.role': 'Votre rôle',
  'brief.noRole': 'Le scénario ne décrit pas cette équipe.',
  'brief.objectives': 'Vos objectifs',
  'brief.target': 'cible {target}',
  'brief.decisions': 'Vos décisions en {month}',
  'brief.contracts': 'Proposer, répondre à et signer des contrats (onglet Contrats)',
  'brief.deadline':
    'Chaque mois : décidez, envoyez vos ordres avant l’échéance, puis lisez les résultats une fois publiés par l’animation.',
  'guide.title': 'Tutoriel',
  'guide.progress': 'étape {n} sur {of}',
  'guide.done':
    'Vous avez parcouru la boucle de jeu. Continuez : chaque mois, décidez, envoyez, lisez les résultats.',
  'glossary.open': 'Glossaire',
  'glossary.title': 'Glossaire',
  'glossary.close': 'Fermer',
};
