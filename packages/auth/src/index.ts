export * from './scopes.ts';
export * from './secrets.ts';
export * from './vault.ts';
export * from './apps.ts';
export * from './tokens.ts';
export * from './account-access.ts';
export * from './vapid.ts';
