export * from './schema/scenario.ts';
export * from './schema/validate.ts';
export * from './schema/commands.ts';
export * from './schema/codes.ts';
export * from './engine/state.ts';
export * from './machine/types.ts';
export * from './util/canonical.ts';
