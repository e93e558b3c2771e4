export * from './limits.ts';
export * from './sniff.ts';
export * from './ffmpeg.ts';
export * from './image.ts';
export * from './av.ts';
export * from './kind.ts';
