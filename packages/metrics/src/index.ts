export * from './metrics.ts';
export * from './ops-router.ts';
