export * from './engines.ts';
export * from './service.ts';
export * from './bootstrap.ts';
export * from './ops.ts';
