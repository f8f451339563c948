export * from './seats.ts';
export * from './events.ts';
export * from './patch.ts';
export * from './updates.ts';
export * from './http.ts';
export * from './exportFile.ts';
export * from './chain.ts';
export * from './joinCode.ts';
