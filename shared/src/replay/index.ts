export * from './exportFile.ts';
export * from './verify.ts';
export * from './timeline.ts';
export * from './fork.ts';
export * from './compare.ts';
export * from './describe.ts';
export * from './protocol.ts';
