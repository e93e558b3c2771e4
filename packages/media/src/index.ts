export * from './port.ts';
export * from './local/local-media-storage.ts';
export * from './images.ts';
export * from './http.ts';
