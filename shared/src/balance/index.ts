export * from './variant.ts';
export * from './outcome.ts';
export * from './stats.ts';
export * from './report.ts';
export * from './format.ts';
export * from './plan.ts';
export * from './protocol.ts';
