export * from './docker.ts';
export * from './temp.ts';
export * from './server-process.ts';
export * from './routes.ts';
