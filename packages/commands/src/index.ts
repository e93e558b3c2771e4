export * from './handle.ts';
export * from './register-account.ts';
