export * from './account/account.decider.ts';
