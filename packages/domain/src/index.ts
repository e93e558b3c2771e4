export * from './account/account.decider.ts';
export * from './account/username.ts';
export * from './account/instance.decider.ts';
