export * from './port.ts';
export * from './local/local-media-storage.ts';
export * from './s3/s3-media-storage.ts';
export * from './images.ts';
export * from './http.ts';
export * from './processing/index.ts';
