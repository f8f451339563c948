/** Numbers, money and times in the reader's language: one set of formatters, shared with the narration. */
export { formatters, type Formatters } from '@arsenal/shared';
