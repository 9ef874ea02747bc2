export * from './identifiers.ts';
export * from './model-kinds.ts';
export * from './roles.ts';
export * from './problem.ts';
export * from './lookup.ts';
export * from './system.ts';
export * from './messages.ts';
export * from './identity.ts';
