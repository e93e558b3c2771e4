export * from './port.ts';
export * from './sqlite/sqlite-read-models.ts';
export * from './read-cache.ts';
export * from './versions.ts';
export * from './collection-feed.ts';
