export * from './address-policy.ts';
export * from './outbound-dispatcher.ts';
export * from './safe-fetch.ts';
