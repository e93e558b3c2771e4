export * from './port.ts';
export * from './sqlite/sqlite-event-store.ts';
export * from './eventstoredb/eventstoredb-event-store.ts';
