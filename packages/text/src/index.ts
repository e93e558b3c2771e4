export * from './html.ts';
export * from './links.ts';
export * from './plain-text.ts';
export * from './status-text.ts';
export * from './html-template.ts';
