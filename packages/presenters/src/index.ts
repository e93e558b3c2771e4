export * from './deps.ts';
export * from './account.presenter.ts';
export * from './status.presenter.ts';
export * from './notification.presenter.ts';
export * from './media.presenter.ts';
export * from './filter.presenter.ts';
export * from './conversation.presenter.ts';
export * from './report.presenter.ts';
