/**
 * Every sentence the engine narrates, and every order in words, in each language Arsenal speaks. The
 * engine records a message (a key and its parameters: ids, figures, nested messages), never text;
 * `narrate` writes it in the reader's language. Parameters are written by their names (see
 * `render.ts`): team ids (`team`, `buyer`, `seller`, `recipient`), `plant`, `line`, `item`, `front`,
 * `template` become scenario names; `…Eur` is money, `ratio` a ratio, `…Pct` a share; `priority`,
 * `purpose`, `lever` and `refusal` are terms below; other numbers are figures in the reader's locale
 * (`×{m}`: 1.35, 0.5, 2), a `delta…` with its sign (+5, -2, +€2M).
 */
import type { Lang } from '../schema/text.ts';

type Texts = Readonly<Record<Lang, string>>;

/** The kinds of events the engine emits (the tag shown beside each piece of news). */
export const NEWS_KINDS = {
  contract: { en: 'contract', fr: 'contrat' },
  conversion: { en: 'conversion', fr: 'conversion' },
  import: { en: 'import', fr: 'importation' },
  inject: { en: 'event', fr: 'événement' },
  action: { en: 'argued action', fr: 'action argumentée' },
  inject_end: { en: 'event over', fr: 'fin d’événement' },
  line: { en: 'line', fr: 'ligne' },
  market: { en: 'market', fr: 'marché' },
  order_skipped: { en: 'order not carried out', fr: 'ordre non exécuté' },
  policy: { en: 'policy', fr: 'politique' },
  production: { en: 'production', fr: 'production' },
  starved: { en: 'shortage', fr: 'pénurie' },
  strike: { en: 'strike', fr: 'frappe' },
  transfer: { en: 'transfer', fr: 'cession' },
  budget: { en: 'budget', fr: 'budget' },
  capex: { en: 'investment', fr: 'investissement' },
  workforce: { en: 'workforce', fr: 'main-d’œuvre' },
  ew: { en: 'EW', fr: 'GE' },
  qualification: { en: 'qualification', fr: 'qualification' },
  delivery: { en: 'delivery', fr: 'livraison' },
  late: { en: 'late delivery', fr: 'retard de livraison' },
  embargo: { en: 'embargo', fr: 'embargo' },
  front: { en: 'front', fr: 'front' },
  supply: { en: 'rationing', fr: 'rationnement' },
  override: { en: 'adjustment', fr: 'correction' },
} as const satisfies Record<string, Texts>;
export type NewsKind = keyof typeof NEWS_KINDS;

/** Event messages: what happened, and why. */
const EVENTS = {
  // Fronts
  'front.gains': {
    en: '{front}: {side} gains ground (fires {blue} vs {red}, ratio {ratio}).',
    fr: '{front} : {side} gagne du terrain (feux {blue} contre {red}, rapport {ratio}).',
  },
  'front.loses': {
    en: '{front}: {side} loses ground (fires {blue} vs {red}, ratio {ratio}).',
    fr: '{front} : {side} perd du terrain (feux {blue} contre {red}, rapport {ratio}).',
  },
  'front.holds': {
    en: '{front}: {side} holds (fires {blue} vs {red}, ratio {ratio}).',
    fr: '{front} : {side} tient ses positions (feux {blue} contre {red}, rapport {ratio}).',
  },
  // Injects and embargoes
  'inject.start': { en: '{title}: {description}', fr: '{title} : {description}' },
  'inject.option': { en: '{title}: {label}', fr: '{title} : {label}' },
  'inject.adHoc': { en: '{title}', fr: '{title}' },
  'inject.end': { en: '{title} is over.', fr: '{title} : c’est terminé.' },
  embargo: {
    en: '{origin} suppliers stop shipping {item} for {months} months.',
    fr: 'Les fournisseurs ({origin}) cessent de livrer {item} pendant {months} mois.',
  },
  // Supply
  'supply.rationedAll': {
    en: '{item} from {origin} rationed: {asked} asked for {cap} available; rated needs first, then pro rata: {split}.',
    fr: '{item} ({origin}) rationné : {asked} demandés pour {cap} disponibles ; besoins prioritaires d’abord, puis au prorata : {split}.',
  },
  'supply.share': { en: '{team} {got} of {asked}', fr: '{team} {got} sur {asked}' },
  'supply.rationed': {
    en: '{item} from {origin} was rationed this month: you receive {got} of the {asked} ordered; the rest of the cap was shared pro rata.',
    fr: '{item} ({origin}) a été rationné ce mois-ci : vous recevez {got} des {asked} commandés ; le reste du plafond a été partagé au prorata.',
  },
  'supply.rationedRated': {
    en: '{item} from {origin} was rationed this month: you receive {got} of the {asked} ordered ({ratedGot} of {rated} for rated contracts first); the rest of the cap was shared pro rata.',
    fr: '{item} ({origin}) a été rationné ce mois-ci : vous recevez {got} des {asked} commandés (dont {ratedGot} sur {rated} d’abord pour les contrats prioritaires) ; le reste du plafond a été partagé au prorata.',
  },
  'import.boughtAt': {
    en: '{team} buys {qty} {item} abroad at {priceEur} each ({costEur}); they arrive in month {month}.',
    fr: '{team} achète {qty} {item} à l’étranger à {priceEur} l’unité ({costEur}) ; livraison au mois {month}.',
  },
  'offer.rationedAll': {
    en: '{item} offered abroad was oversubscribed: {asked} asked for {cap} on sale; shared pro rata: {split}.',
    fr: 'L’offre de {item} à l’étranger a été sursouscrite : {asked} demandés pour {cap} en vente ; partage au prorata : {split}.',
  },
  'offer.rationed': {
    en: '{item} offered abroad was oversubscribed this month: you get {got} of the {asked} ordered; what was on sale was shared pro rata among the buyers.',
    fr: 'L’offre de {item} à l’étranger a été sursouscrite ce mois-ci : vous obtenez {got} des {asked} commandés ; ce qui était en vente a été partagé au prorata entre les acheteurs.',
  },
  'offer.rivalTook': {
    en: 'A rival buyer takes {qty} {item} of the offer’s release abroad before anyone else.',
    fr: 'Un acheteur rival prend {qty} {item} de la tranche mise en vente à l’étranger avant tout le monde.',
  },
  'abroad.shipped': {
    en: '{qty} {item} held abroad are shipped home; they arrive in month {month}.',
    fr: '{qty} {item} stockés à l’étranger sont rapatriés ; arrivée au mois {month}.',
  },
  'abroad.arrived': {
    en: '{qty} {item} shipped home from abroad arrive.',
    fr: '{qty} {item} rapatriés de l’étranger arrivent.',
  },
  'import.arrived': {
    en: '{qty} {item} arrive from abroad.',
    fr: '{qty} {item} arrivent de l’étranger.',
  },
  // Lines and plants
  'line.retooling': {
    en: '{plant} {line} starts retooling for {item} ({costEur}).',
    fr: '{plant}, {line} : début de la reconversion vers {item} ({costEur}).',
  },
  'line.reverting': {
    en: '{plant} {line} reverts to civil production.',
    fr: '{plant}, {line} : retour à la production civile engagé.',
  },
  'line.retooled': {
    en: '{plant} {line} finished retooling; qualification starts ({months} months).',
    fr: '{plant}, {line} : reconversion achevée ; la qualification commence ({months} mois).',
  },
  'line.ramping': {
    en: '{plant} {line} starts ramping up {item}.',
    fr: '{plant}, {line} : montée en cadence de {item}.',
  },
  'line.restored': {
    en: '{plant} {line} is back in operation.',
    fr: '{plant}, {line} : de nouveau en service.',
  },
  'line.civil': {
    en: '{plant} {line} is back on civil production.',
    fr: '{plant}, {line} : de retour en production civile.',
  },
  'line.fullRate': {
    en: '{plant} {line} reaches full rate: {nameplate}/month of {item}.',
    fr: '{plant}, {line} : pleine cadence atteinte, {nameplate} {item} par mois.',
  },
  'line.starvedInput': {
    en: '{plant} {line} starved: {item} {have} of {need}.',
    fr: '{plant}, {line} en pénurie : {item} {have} sur {need}.',
  },
  'line.starvedWorkforce': {
    en: '{plant} {line} starved: workforce {staffingPct}.',
    fr: '{plant}, {line} en pénurie : main-d’œuvre à {staffingPct}.',
  },
  'line.priority': {
    en: '{plant} {line} now has {priority} priority for scarce inputs.',
    fr: '{plant}, {line} : priorité {priority} sur les intrants rares.',
  },
  'line.toOrders': {
    en: '{plant} {line} now produces to orders, holding {qty} in stock beyond the backlog.',
    fr: '{plant}, {line} : production à la commande, avec {qty} en stock au-delà du carnet.',
  },
  'line.atCapacity': {
    en: '{plant} {line} now produces at capacity.',
    fr: '{plant}, {line} : production à pleine capacité.',
  },
  'line.shifts': {
    en: '{plant} {line} works {shifts} shift(s).',
    fr: '{plant}, {line} : travail en {shifts} équipe(s).',
  },
  'line.shiftsOvertime': {
    en: '{plant} {line} works {shifts} shift(s) with overtime.',
    fr: '{plant}, {line} : travail en {shifts} équipe(s) avec heures supplémentaires.',
  },
  'line.overtimeEnds': {
    en: '{plant} {line}: the crews are exhausted after {months} months of overtime; none before month {until}.',
    fr: '{plant}, {line} : les équipes sont épuisées après {months} mois d’heures supplémentaires ; plus rien avant le mois {until}.',
  },
  'qualification.passed': {
    en: '{item} from {plant} is accepted by {by}.',
    fr: '{item} de {plant} : accepté par {by}.',
  },
  'qualification.failed': {
    en: '{item} from {plant} fails acceptance by {by}: {months} more months.',
    fr: '{item} de {plant} : refusé par {by} ; encore {months} mois.',
  },
  'capex.invested': {
    en: '{team} invests {costEur} at {plant}: +{add}/month of {item}, ready in {months} months.',
    fr: '{team} investit {costEur} à {plant} : +{add} {item} par mois, prêt dans {months} mois.',
  },
  'capex.built': {
    en: '{plant} {line}: new capacity (+{add}/month) built; qualification takes {months} months.',
    fr: '{plant}, {line} : nouvelle capacité (+{add} par mois) construite ; la qualification prend {months} mois.',
  },
  'capex.inService': {
    en: '{plant} {line}: new capacity (+{add}/month) in service, ramping up; it needs {crew} more skilled workers.',
    fr: '{plant}, {line} : nouvelle capacité (+{add} par mois) en service, en montée en cadence ; il faut {crew} ouvriers qualifiés de plus.',
  },
  'capex.full': {
    en: '{plant} {line}: new capacity at full rate, nameplate now {nameplate}/month.',
    fr: '{plant}, {line} : nouvelle capacité à pleine cadence, capacité nominale désormais {nameplate} par mois.',
  },
  'site.started': {
    en: '{team} starts building {plant} ({costEur}): it opens in {opensIn} months; its first line, +{qty}/month of {item}, is ready in {readyIn} months.',
    fr: '{team} commence la construction de {plant} ({costEur}) : ouverture dans {opensIn} mois ; sa première ligne, +{qty} {item} par mois, sera prête dans {readyIn} mois.',
  },
  'site.opened': {
    en: '{plant} opens with {skilled} skilled workers.',
    fr: '{plant} ouvre avec {skilled} ouvriers qualifiés.',
  },
  'plant.turnover': {
    en: '{left} skilled workers leave {plant}.',
    fr: '{left} ouvriers qualifiés quittent {plant}.',
  },
  'workforce.hired': {
    en: '{plant} hires {qty} ({convertible} from its own convertible staff).',
    fr: '{plant} embauche {qty} personnes (dont {convertible} reconverties parmi son propre personnel).',
  },
  production: { en: 'Output this month: {list}.', fr: 'Production du mois : {list}.' },
  'production.item': { en: '{qty} {item}', fr: '{qty} {item}' },
  // Policy and money
  'budget.granted': {
    en: '{team} granted {amountEur} to {recipient} ({purpose}).',
    fr: '{team} accorde {amountEur} à {recipient} ({purpose}).',
  },
  'policy.exportControl': {
    en: '{team} puts {item} under export control.',
    fr: '{team} place {item} sous contrôle des exportations.',
  },
  'policy.concession': {
    en: '{team} spends {capital} political capital to avert "{title}".',
    fr: '{team} dépense {capital} de capital politique pour éviter « {title} ».',
  },
  'policy.concessionPaid': {
    en: '{team} spends {capital} political capital and {amountEur} to avert "{title}".',
    fr: '{team} dépense {capital} de capital politique et {amountEur} pour éviter « {title} ».',
  },
  'stock.transfer': {
    en: '{team} hands {qty} {item} to {recipient}.',
    fr: '{team} cède {qty} {item} à {recipient}.',
  },
  // The adversary
  'strike.failed': {
    en: 'A strike on {plant} failed (roll {roll}).',
    fr: 'Une frappe sur {plant} a échoué (jet {roll}).',
  },
  'strike.hit': {
    en: 'Strike on {plant}: production stops for {months} months.',
    fr: 'Frappe sur {plant} : production arrêtée pendant {months} mois.',
  },
  'ew.raised': {
    en: '{team} raises electronic warfare on {front} to level {level}.',
    fr: '{team} porte la guerre électronique sur {front} au niveau {level}.',
  },
  'market.outbid': {
    en: 'World prices for {item} jump: a buyer is outbidding {side}.',
    fr: 'Les cours mondiaux de {item} s’envolent : un acheteur surenchérit sur {side}.',
  },
  'market.outbidOffer': {
    en: 'A rival buyer outbids {side} for {item} offered abroad: next month less is on sale, at a higher price.',
    fr: 'Un acheteur rival surenchérit sur {side} pour {item} offerts à l’étranger : le mois prochain, moins en vente et plus cher.',
  },
  // Free-form actions argued before the White Cell
  'action.success': {
    en: '{team}: “{title}” succeeds ({oddsPct} chance, rolled {roll}). {narration}',
    fr: '{team} : « {title} » réussit ({oddsPct} de chances, jet de {roll}). {narration}',
  },
  'action.failure': {
    en: '{team}: “{title}” fails ({oddsPct} chance, rolled {roll}). {narration}',
    fr: '{team} : « {title} » échoue ({oddsPct} de chances, jet de {roll}). {narration}',
  },
  // Contracts
  'contract.offered': {
    en: '{team} offers {qty} {item} at {unitEur} each ({contract}).',
    fr: '{team} propose {qty} {item} à {unitEur} l’unité ({contract}).',
  },
  'contract.countered': {
    en: '{team} counters on {contract}: {qty} at {unitEur}.',
    fr: '{team} fait une contre-proposition sur {contract} : {qty} à {unitEur}.',
  },
  'contract.lapsed': {
    en: '{contract} lapses: {buyer} did not pay the advance.',
    fr: '{contract} caduc : {buyer} n’a pas payé l’avance.',
  },
  'contract.signed': {
    en: 'Contract {contract} signed: {seller} to deliver {qty} {item} to {buyer} over {months} months.',
    fr: 'Contrat {contract} signé : {seller} livrera {qty} {item} à {buyer} en {months} mois.',
  },
  'contract.rejected': { en: '{team} rejects {contract}.', fr: '{team} rejette {contract}.' },
  'contract.withdrawn': {
    en: '{team} withdraws offer {contract}.',
    fr: '{team} retire l’offre {contract}.',
  },
  'contract.cancelled': {
    en: '{team} cancels {contract}; the fee is {feeEur} and its word is worth less now.',
    fr: '{team} résilie {contract} ; l’indemnité est de {feeEur} et sa parole vaut moins désormais.',
  },
  'contract.late': {
    en: '{contract}: {seller} delivered {shipped} of {due} {item} due.',
    fr: '{contract} : {seller} a livré {shipped} des {due} {item} dus.',
  },
  'contract.latePenalty': {
    en: '{contract}: {seller} delivered {shipped} of {due} {item} due, penalty {penaltyEur}.',
    fr: '{contract} : {seller} a livré {shipped} des {due} {item} dus, pénalité de {penaltyEur}.',
  },
  'contract.flowDown': {
    en: '{contract} carries {buyer}’s {rating} rating, flowed down from its own rated orders: {seller} must serve it before unrated work.',
    fr: '{contract} porte la priorité {rating} de {buyer}, reprise de ses propres commandes prioritaires : {seller} doit la servir avant le travail non prioritaire.',
  },
  'contract.ratedFirst': {
    en: '{contract}: {seller} was short of {item} and served higher-rated orders first (priority rating, then order of receipt).',
    fr: '{contract} : {seller} manquait de {item} et a servi d’abord les commandes de priorité plus haute (priorité, puis ordre de réception).',
  },
  'contract.delivered': {
    en: '{contract}: {qty} {item} delivered to {buyer}.',
    fr: '{contract} : {qty} {item} livrés à {buyer}.',
  },
  // Orders that could not be carried out at adjudication
  'order.skipped': {
    en: '{team}: order not carried out ({order}): {refusal}.',
    fr: '{team} : ordre non exécuté ({order}) : {refusal}.',
  },
  // The White Cell
  'override.money': {
    en: 'White Cell adjusted the cash of {team}: adjudicated {fromEur} → published {toEur} ({reason}).',
    fr: 'La cellule d’animation a corrigé la trésorerie de {team} : arbitré {fromEur} → publié {toEur} ({reason}).',
  },
  'override.politicalCapital': {
    en: 'White Cell adjusted the political capital of {team}: adjudicated {from} → published {to} ({reason}).',
    fr: 'La cellule d’animation a corrigé le capital politique de {team} : arbitré {from} → publié {to} ({reason}).',
  },
  'override.stock': {
    en: 'White Cell adjusted the stock of {item} of {team}: adjudicated {from} → published {to} ({reason}).',
    fr: 'La cellule d’animation a corrigé le stock de {item} de {team} : arbitré {from} → publié {to} ({reason}).',
  },
  'override.territory': {
    en: 'White Cell adjusted the ground on {front}: adjudicated {from} → published {to} ({reason}).',
    fr: 'La cellule d’animation a corrigé le terrain sur {front} : arbitré {from} → publié {to} ({reason}).',
  },
  'override.ewLevel': {
    en: 'White Cell adjusted the EW level on {front}: adjudicated {from} → published {to} ({reason}).',
    fr: 'La cellule d’animation a corrigé le niveau de GE sur {front} : arbitré {from} → publié {to} ({reason}).',
  },
  'override.force.blue': {
    en: 'White Cell adjusted the Blue force on {front}: adjudicated {from} → published {to} ({reason}).',
    fr: 'La cellule d’animation a corrigé la force bleue sur {front} : arbitré {from} → publié {to} ({reason}).',
  },
  'override.force.red': {
    en: 'White Cell adjusted the Red force on {front}: adjudicated {from} → published {to} ({reason}).',
    fr: 'La cellule d’animation a corrigé la force rouge sur {front} : arbitré {from} → publié {to} ({reason}).',
  },
} as const satisfies Record<string, Texts>;

/** Each order in words: the team's draft list, the report's decisions and a skipped order's news. */
const ORDERS = {
  'order.budget': {
    en: 'grant {amountEur} to {recipient} ({purpose})',
    fr: 'accorder {amountEur} à {recipient} ({purpose})',
  },
  'order.convertLine': {
    en: 'convert {line} at {plant} to {item} ({template})',
    fr: 'reconvertir {line} de {plant} vers {item} ({template})',
  },
  'order.revertLine': {
    en: 'return {line} at {plant} to civil production',
    fr: 'ramener {line} de {plant} à la production civile',
  },
  'order.setLinePriority': {
    en: '{priority} priority for inputs on {line} at {plant}',
    fr: 'priorité {priority} sur les intrants pour {line} de {plant}',
  },
  'order.setOutputMode': {
    en: '{line} at {plant}: produce to orders, {qty} in stock beyond the backlog',
    fr: '{line} de {plant} : produire à la commande, {qty} en stock au-delà du carnet',
  },
  'order.setOutputAtCapacity': {
    en: '{line} at {plant}: produce at capacity',
    fr: '{line} de {plant} : produire à pleine capacité',
  },
  'order.setShifts': {
    en: '{line} at {plant}: {shifts} shift(s)',
    fr: '{line} de {plant} : {shifts} équipe(s)',
  },
  'order.setShiftsOvertime': {
    en: '{line} at {plant}: {shifts} shift(s) with overtime',
    fr: '{line} de {plant} : {shifts} équipe(s) avec heures supplémentaires',
  },
  'order.invest': {
    en: 'invest at {plant}: +{add}/month of {item} ({template})',
    fr: 'investir à {plant} : +{add} {item} par mois ({template})',
  },
  'order.buildPlant': {
    en: 'build {plant} with +{add}/month of {item} ({template})',
    fr: 'construire {plant} avec +{add} {item} par mois ({template})',
  },
  'order.hire': { en: 'hire {qty} at {plant}', fr: 'embaucher {qty} personnes à {plant}' },
  'order.buyComponents': {
    en: 'buy {qty} {item} from {origin}',
    fr: 'acheter {qty} {item} auprès de {origin}',
  },
  'order.allocate': { en: 'send {qty} {item} to {front}', fr: 'envoyer {qty} {item} sur {front}' },
  'order.transfer': { en: 'hand {qty} {item} to {recipient}', fr: 'céder {qty} {item} à {recipient}' },
  'order.buyMarketOffer': {
    en: 'buy {qty} {item} on the world market',
    fr: 'acheter {qty} {item} sur le marché mondial',
  },
  'order.strike': { en: 'strike {plant}', fr: 'frapper {plant}' },
  'order.ewUpgrade': {
    en: 'raise electronic warfare on {front}',
    fr: 'renforcer la guerre électronique sur {front}',
  },
  'order.outbid': { en: 'outbid on {item}', fr: 'surenchérir sur {item}' },
  'order.outbidOffer': {
    en: 'outbid for {item} offered abroad',
    fr: 'surenchérir pour {item} offerts à l’étranger',
  },
  'order.repatriate': {
    en: 'ship {qty} {item} home from abroad',
    fr: 'rapatrier {qty} {item} de l’étranger',
  },
  'order.surge': {
    en: 'surge fires on {front} for {amountEur}',
    fr: 'intensifier les feux sur {front} pour {amountEur}',
  },
  'order.exportControl': {
    en: 'export control on {item}',
    fr: 'contrôle des exportations sur {item}',
  },
  'order.concede': {
    en: 'concede to avert "{title}"',
    fr: 'concéder pour éviter « {title} »',
  },
} as const satisfies Record<string, Texts>;

/** Each typed effect in words: the run sheet, the free-form actions and the after-action report. */
const EFFECTS = {
  'effect.item': { en: '{item}', fr: '{item}' },
  'effect.everyFront': { en: 'every front', fr: 'tous les fronts' },
  'effect.allComponents': { en: 'all components', fr: 'tous les composants' },
  'effect.fromOrigin': { en: 'components from {origin}', fr: 'composants de {origin}' },
  'effect.allProducts': { en: 'all products', fr: 'tous les produits' },
  'effect.anyWork': { en: 'lines and expansions', fr: 'lignes et extensions' },
  'effect.componentSupply': {
    en: '{what}: supply ×{cap}, price ×{price}',
    fr: '{what} : approvisionnement ×{cap}, prix ×{price}',
  },
  'effect.productionMultiplier': {
    en: 'output of {what} ×{m}{unless}',
    fr: 'production de {what} ×{m}{unless}',
  },
  'effect.unlessStock': {
    en: ' unless {team} holds {qty} {item}',
    fr: ' sauf si {team} détient {qty} {item}',
  },
  'effect.effectMultiplier': {
    en: 'effect of {what} at the front ×{m}{until}',
    fr: 'effet de {what} au front ×{m}{until}',
  },
  'effect.untilShare': {
    en: ' until {item} makes up {sharePct} of {of}',
    fr: ' jusqu’à ce que {item} atteigne {sharePct} de {of}',
  },
  'effect.redFires': { en: 'Red fires on {front} ×{m}', fr: 'feux rouges sur {front} ×{m}' },
  'effect.blueBaseFires': {
    en: 'outside Blue fires on {front} ×{m}',
    fr: 'feux bleus extérieurs sur {front} ×{m}',
  },
  'effect.demand': { en: 'demand for {what} on {front} ×{m}', fr: 'demande de {what} sur {front} ×{m}' },
  'effect.ewLevel': { en: 'Red EW level on {front} {delta}', fr: 'niveau de GE rouge sur {front} {delta}' },
  'effect.qualificationDelay': {
    en: 'lines in qualification need {n} more months',
    fr: 'les lignes en qualification demandent {n} mois de plus',
  },
  'effect.qualificationDelay.one': {
    en: 'lines in qualification need {n} more month',
    fr: 'les lignes en qualification demandent {n} mois de plus',
  },
  'effect.leadTimeDelay': {
    en: 'new {what} take {n} months longer',
    fr: 'les nouvelles {what} prennent {n} mois de plus',
  },
  'effect.leadTimeDelay.one': {
    en: 'new {what} take {n} month longer',
    fr: 'les nouvelles {what} prennent {n} mois de plus',
  },
  'effect.lineStoppage': { en: '{plant} stops for {n} months', fr: '{plant} à l’arrêt pendant {n} mois' },
  'effect.lineStoppage.one': { en: '{plant} stops for {n} month', fr: '{plant} à l’arrêt pendant {n} mois' },
  'effect.money': { en: '{team}: {deltaEur}', fr: '{team} : {deltaEur}' },
  'effect.politicalCapital': {
    en: '{team}: political capital {delta}',
    fr: '{team} : capital politique {delta}',
  },
  'effect.unlockLever': { en: 'unlocks {lever}', fr: 'débloque {lever}' },
  'effect.marketOffer': {
    en: 'market offer: {qty} {item} at {priceEur} each, delivered in {n} months',
    fr: 'offre sur le marché : {qty} {item} à {priceEur} l’unité, livrés en {n} mois',
  },
  'effect.marketOffer.one': {
    en: 'market offer: {qty} {item} at {priceEur} each, delivered in {n} month',
    fr: 'offre sur le marché : {qty} {item} à {priceEur} l’unité, livrés en {n} mois',
  },
  'effect.withTerms': { en: '{offer} ({terms})', fr: '{offer} ({terms})' },
  'effect.termsJoin': { en: '{a}; {b}', fr: '{a} ; {b}' },
  'effect.offerRelease': {
    en: 'at most {qty} released a month, the rest sold elsewhere',
    fr: 'au plus {qty} mis en vente par mois, le reste vendu ailleurs',
  },
  'effect.offerReleaseCarry': {
    en: 'at most {qty} released a month, unsold units stay on sale',
    fr: 'au plus {qty} mis en vente par mois, les invendus restent en vente',
  },
  'effect.offerEscalation': {
    en: 'price up {escalationPct} per month’s release sold',
    fr: 'prix en hausse de {escalationPct} par tranche mensuelle vendue',
  },
  'effect.offerRivals': { en: 'open to rival bids', fr: 'ouverte aux surenchères rivales' },
  'effect.rivalBid': {
    en: 'rival buyers abroad outbid for {what}: they take part of each release first and the price rises',
    fr: 'des acheteurs rivaux à l’étranger surenchérissent sur {what} : ils prennent d’abord une part de chaque tranche et le prix monte',
  },
  'effect.everyOffer': {
    en: 'every offer open to rival bids',
    fr: 'toute offre ouverte aux surenchères rivales',
  },
} as const satisfies Record<string, Texts>;

export const MESSAGES: Readonly<Record<NewsKey, Texts>> = { ...EVENTS, ...ORDERS, ...EFFECTS };
export type EventKey = keyof typeof EVENTS;
export type OrderKey = keyof typeof ORDERS;
export type EffectKey = keyof typeof EFFECTS;
export type NewsKey = EventKey | OrderKey | EffectKey;

/** Words that stand for a value of a closed set: a line's priority, a grant's purpose, a refusal. */
export const TERMS = {
  priority: {
    high: { en: 'high', fr: 'haute' },
    normal: { en: 'normal', fr: 'normale' },
    low: { en: 'low', fr: 'basse' },
  },
  lever: {
    priorityRatings: { en: 'priority ratings (DX/DO)', fr: 'les priorités (DX/DO)' },
    subsidies: { en: 'subsidies', fr: 'les subventions' },
    multiYear: { en: 'multi-year contracts', fr: 'les contrats pluriannuels' },
    exportControls: { en: 'export controls', fr: 'les contrôles à l’export' },
  },
  purpose: {
    appropriation: { en: 'appropriation', fr: 'dotation' },
    subsidy: { en: 'subsidy', fr: 'subvention' },
    capexSubsidy: { en: 'capex subsidy', fr: 'subvention d’investissement' },
  },
  /** Why an order was not carried out, by the engine's error code. */
  refusal: {
    'order/over_budget': { en: 'not enough cash left', fr: 'trésorerie insuffisante' },
    'order/not_enough_capital': {
      en: 'not enough political capital left',
      fr: 'capital politique insuffisant',
    },
    'inject/settled': {
      en: 'the event has already started',
      fr: 'l’événement a déjà commencé',
    },
    'order/not_enough_stock': { en: 'not enough stock left', fr: 'stock insuffisant' },
    'order/over_capacity': {
      en: 'more than is available this month',
      fr: 'plus que ce qui est disponible ce mois-ci',
    },
    'order/embargoed': { en: 'the source is under embargo', fr: 'la source est sous embargo' },
    'order/line_busy': { en: 'the line is busy', fr: 'la ligne est occupée' },
    'order/lever_disabled': { en: 'the policy is not enabled', fr: 'la mesure n’est pas ouverte' },
    'order/duplicate': { en: 'already ordered this month', fr: 'déjà ordonné ce mois-ci' },
    'order/not_owner': {
      en: 'the plant belongs to another team',
      fr: 'l’usine appartient à une autre équipe',
    },
    'order/wrong_team_kind': {
      en: 'the team cannot give this order',
      fr: 'l’équipe ne peut pas donner cet ordre',
    },
    'order/template_mismatch': {
      en: 'the template does not fit the line',
      fr: 'le modèle ne convient pas à la ligne',
    },
    'order/template_cannot_make': {
      en: 'the template cannot make the product',
      fr: 'le modèle ne peut pas fabriquer ce produit',
    },
    'order/unknown_offer': { en: 'the offer is gone', fr: 'l’offre n’est plus disponible' },
    'order/closed_to_rivals': {
      en: 'the offer is not open to rival bids',
      fr: 'l’offre n’est pas ouverte aux enchères rivales',
    },
    'order/self_dealing': {
      en: 'a team cannot deal with itself',
      fr: 'une équipe ne peut pas traiter avec elle-même',
    },
    'order/too_many_shifts': {
      en: 'more shifts than the line can work',
      fr: 'plus d’équipes que la ligne ne peut en faire travailler',
    },
    'order/overtime_resting': {
      en: 'the crews must rest from overtime first',
      fr: 'les équipes doivent d’abord se reposer des heures supplémentaires',
    },
    other: { en: 'the order no longer holds', fr: 'l’ordre n’est plus valable' },
  },
} as const satisfies Record<string, Record<string, Texts>>;
export type TermSet = keyof typeof TERMS;
