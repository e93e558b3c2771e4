export * from './handle.ts';
export * from './register-account.ts';
export * from './register-local-user.ts';
export * from './update-profile.ts';
export * from './statuses.ts';
export * from './relationships.ts';
export * from './notifications.ts';
export * from './lists.ts';
