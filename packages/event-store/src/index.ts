export * from './port.ts';
export * from './sqlite/sqlite-event-store.ts';
