import S3rver from 's3rver';
import { describe } from 'vitest';
import { makeTempDir } from '@strata/testkit';
import { mediaStorageContract } from '../contract.ts';
import { S3MediaStorage } from './s3-media-storage.ts';

// a real S3-compatible server (s3rver, pure JS from npm) on a free port, in its own folder
describe('S3 media storage', () => {
  mediaStorageContract(async () => {
    const temp = makeTempDir('strata-media-s3-');
    const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: temp.path, configureBuckets: [{ name: 'media', configs: [] }] });
    const { port } = await server.run();
    const storage = new S3MediaStorage({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      bucket: 'media',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      publicBaseUrl: 'https://social.example',
    });
    return {
      storage,
      cleanup: async () => {
        storage.close();
        await server.close();
        temp.remove();
      },
    };
  });
});
