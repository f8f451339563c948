/**
 * The game's words and what they mean, in each language Arsenal speaks: the glossary every seat can
 * open from any screen (and the README's _Glossary_ lists the same words). Data, not code: a new word
 * is one more entry.
 */
import type { Lang } from '../schema/text.ts';

type Texts = Readonly<Record<Lang, string>>;

export interface GlossaryEntry {
  id: string;
  term: Texts;
  meaning: Texts;
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    id: 'adjudication',
    term: { en: 'adjudication', fr: 'arbitrage' },
    meaning: {
      en: 'The automated resolution of one month: production, deliveries, money, fronts, scores.',
      fr: 'La résolution automatique d’un mois : production, livraisons, argent, fronts, scores.',
    },
  },
  {
    id: 'appropriation',
    term: { en: 'appropriation', fr: 'dotation' },
    meaning: {
      en: 'Money a team receives each month from outside the game (a state budget tranche).',
      fr: 'L’argent qu’une équipe reçoit chaque mois de l’extérieur du jeu (une tranche budgétaire).',
    },
  },
  {
    id: 'bom',
    term: { en: 'BOM', fr: 'nomenclature' },
    meaning: {
      en: 'Bill of materials: the components or products consumed for each unit made.',
      fr: 'Les composants ou produits consommés pour chaque unité fabriquée.',
    },
  },
  {
    id: 'conversion',
    term: { en: 'conversion', fr: 'conversion' },
    meaning: {
      en: 'Retooling a line to make another product, following a template.',
      fr: 'Réoutiller une ligne pour fabriquer un autre produit, selon un modèle.',
    },
  },
  {
    id: 'rating',
    term: { en: 'DX / DO', fr: 'DX / DO' },
    meaning: {
      en: 'Priority ratings: rated orders are delivered first; refusing one costs political capital. A firm holding one passes it down to its suppliers for the inputs of the rated order.',
      fr: 'Priorités : les commandes classées sont livrées d’abord ; en refuser une coûte du capital politique. Une entreprise qui en détient une la répercute sur ses fournisseurs pour les intrants de la commande classée.',
    },
  },
  {
    id: 'ew',
    term: { en: 'EW level', fr: 'niveau de GE' },
    meaning: {
      en: 'Electronic-warfare density of a front, 0–3; radio-link drones lose effect with each level.',
      fr: 'Densité de guerre électronique d’un front, 0 à 3 ; les drones à liaison radio perdent en effet à chaque niveau.',
    },
  },
  {
    id: 'fireRatio',
    term: { en: 'fire ratio', fr: 'rapport de feux' },
    meaning: {
      en: 'Blue effective fires ÷ Red effective fires on a front; its band moves the ground.',
      fr: 'Feux efficaces bleus ÷ feux efficaces rouges sur un front ; sa tranche fait bouger le terrain.',
    },
  },
  {
    id: 'inject',
    term: { en: 'inject', fr: 'événement' },
    meaning: {
      en: 'A scenario event (a licence squeeze, a blast at a plant, a summit…) with typed effects.',
      fr: 'Un événement du scénario (restriction de licences, explosion dans une usine, sommet…) aux effets définis.',
    },
  },
  {
    id: 'learningRate',
    term: { en: 'learning rate', fr: 'taux d’apprentissage' },
    meaning: {
      en: 'Cost multiplier per doubling of cumulative output (0.85 = 15 % cheaper per doubling).',
      fr: 'Multiplicateur de coût à chaque doublement de la production cumulée (0,85 = 15 % moins cher).',
    },
  },
  {
    id: 'line',
    term: { en: 'line', fr: 'ligne' },
    meaning: {
      en: 'A production line in a plant, with a state, a product and a nameplate.',
      fr: 'Une ligne de production d’une usine, avec un état, un produit et une capacité nominale.',
    },
  },
  {
    id: 'nameplate',
    term: { en: 'nameplate', fr: 'capacité nominale' },
    meaning: {
      en: 'Units per month a line makes at full rate.',
      fr: 'Les unités par mois qu’une ligne fabrique à plein régime.',
    },
  },
  {
    id: 'override',
    term: { en: 'override', fr: 'correction' },
    meaning: {
      en: 'A facilitator’s change to an adjudicated figure before publishing; a reason is required and logged.',
      fr: 'Une modification d’un chiffre arbitré par l’animation avant publication ; motivée et journalisée.',
    },
  },
  {
    id: 'qualification',
    term: { en: 'qualification', fr: 'qualification' },
    meaning: {
      en: 'Acceptance testing after retooling; it can fail and cost months.',
      fr: 'Les essais de réception après réoutillage ; ils peuvent échouer et coûter des mois.',
    },
  },
  {
    id: 'ramp',
    term: { en: 'ramp', fr: 'montée en cadence' },
    meaning: {
      en: 'The share of nameplate a line reaches in each month after qualification (e.g. 8 % → 70 % → 100 %).',
      fr: 'La part de la capacité nominale atteinte chaque mois après la qualification (ex. 8 % → 70 % → 100 %).',
    },
  },
  {
    id: 'review',
    term: { en: 'review', fr: 'revue' },
    meaning: {
      en: 'The phase in which the facilitator inspects an adjudication before publishing it.',
      fr: 'La phase où l’animation examine un arbitrage avant de le publier.',
    },
  },
  {
    id: 'seat',
    term: { en: 'seat', fr: 'poste' },
    meaning: {
      en: 'A place in an exercise: a team, the facilitator, an observer or the room display.',
      fr: 'Une place dans l’exercice : une équipe, l’animation, un observateur ou l’écran de salle.',
    },
  },
  {
    id: 'starved',
    term: { en: 'starved', fr: 'en pénurie' },
    meaning: {
      en: 'A line that could not run for lack of inputs.',
      fr: 'Une ligne qui n’a pas pu tourner faute d’intrants.',
    },
  },
  {
    id: 'template',
    term: { en: 'template', fr: 'modèle' },
    meaning: {
      en: 'A conversion, expansion or greenfield recipe: lead months, qualification, ramp, cost.',
      fr: 'Une recette de conversion, d’extension ou de construction : délais, qualification, montée en cadence, coût.',
    },
  },
  {
    id: 'whiteCell',
    term: { en: 'White cell', fr: 'cellule blanche' },
    meaning: {
      en: 'The facilitators: injects, overrides and judgement.',
      fr: 'L’animation : événements, corrections et arbitrage humain.',
    },
  },
];
