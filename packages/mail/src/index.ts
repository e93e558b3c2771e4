export * from './mailer.ts';
export * from './messages.ts';
export * from './mail-jobs.ts';
