export * from './port.ts';
export * from './errors.ts';
export * from './sqlite/sqlite-job-queue.ts';
export * from './observed.ts';
