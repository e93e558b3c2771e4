export * from './account/account.decider.ts';
export * from './account/username.ts';
export * from './account/instance.decider.ts';
export * from './status/status.decider.ts';
export * from './status/status-toggles.decider.ts';
export * from './relationship/follow.decider.ts';
export * from './relationship/block-mute.decider.ts';
export * from './status/tag-follow.decider.ts';
