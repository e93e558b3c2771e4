/**
 * Collections in the read-model store that no projection writes: an operator's archive
 * and import requests, recorded by the API and their jobs. The log cannot recreate them,
 * so every read-model version shares them and a rebuild never drops them.
 */
export const KEPT_COLLECTIONS = { accountArchives: 'account_archives', bulkImports: 'bulk_imports' } as const;

export const keptCollectionNames: readonly string[] = Object.values(KEPT_COLLECTIONS);
