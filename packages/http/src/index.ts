export * from './errors.ts';
export * from './params.ts';
export * from './png.ts';
export * from './serve.ts';
export * from './body.ts';
export * from './multipart.ts';
export * from './query-once.ts';
export * from './entered-by-path.ts';
