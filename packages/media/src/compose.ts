import type { StrataConfig } from '@strata/config';
import { createLocalMediaStorage } from './local/local-media-storage.ts';
import type { MediaStorage } from './port.ts';
import { S3MediaStorage } from './s3/s3-media-storage.ts';

/** The media storage configuration asks for (STRATA_MEDIA=local|s3). */
export function createMediaStorage(config: StrataConfig): MediaStorage {
  const { s3 } = config.media;
  if (config.media.storage === 's3' && s3) {
    // without a public URL of its own, the bucket is served through Strata's /system/ route
    return new S3MediaStorage({ ...s3, publicBaseUrl: s3.publicUrl ?? config.publicUrl }, !s3.publicUrl);
  }
  return createLocalMediaStorage({ root: config.mediaDir, publicBaseUrl: config.publicUrl });
}
