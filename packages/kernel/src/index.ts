export * from './envelope.ts';
export * from './errors.ts';
export * from './decider.ts';
export * from './ids.ts';
export * from './clock.ts';
export * from './lifecycle.ts';
export * from './version.ts';
