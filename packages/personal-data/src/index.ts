export * from './sealing.ts';
