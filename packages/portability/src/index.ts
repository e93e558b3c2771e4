export * from './csv-export.ts';
export * from './csv-import.ts';
export * from './bulk-imports.ts';
export * from './import-job.ts';
export * from './archive.ts';
export * from './archive-job.ts';
export type { RemoteLookup } from './import-rows.ts';
