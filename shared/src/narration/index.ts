export {
  MESSAGES,
  NEWS_KINDS,
  TERMS,
  type NewsKey,
  type NewsKind,
  type EventKey,
  type OrderKey,
  type EffectKey,
} from './catalog.ts';
export { formatters, type Formatters } from './format.ts';
export {
  kindLabel,
  nameBook,
  narrate,
  newsText,
  type NameBook,
  type NewsMessage,
  type NewsValue,
} from './render.ts';
export { orderMessage, type OfferRef } from './orders.ts';
export { effectMessage } from './effects.ts';
export {
  metricUnit,
  metricValueText,
  objectiveSpec,
  opText,
  productUnit,
  targetText,
  type MetricUnit,
} from './metrics.ts';
export { GLOSSARY, type GlossaryEntry } from './glossary.ts';
