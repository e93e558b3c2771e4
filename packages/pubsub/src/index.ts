export * from './port.ts';
export * from './errors.ts';
export * from './memory/memory-pubsub.ts';
