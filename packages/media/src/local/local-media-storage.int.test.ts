import { describe } from 'vitest';
import { makeTempDir } from '@strata/testkit';
import { mediaStorageContract } from '../contract.ts';
import { createLocalMediaStorage } from './local-media-storage.ts';

describe('local media storage', () => {
  mediaStorageContract(async () => {
    const temp = makeTempDir('strata-media-local-');
    return { storage: createLocalMediaStorage({ root: temp.path, publicBaseUrl: 'https://social.example/' }), cleanup: async () => temp.remove() };
  });
});
