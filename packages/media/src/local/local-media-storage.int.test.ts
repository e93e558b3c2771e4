import { describe, expect, it } from 'vitest';
import { makeTempDir } from '@strata/testkit';
import { mediaStorageContract } from '../contract.ts';
import { createLocalMediaStorage } from './local-media-storage.ts';

describe('local media storage', () => {
  mediaStorageContract(async () => {
    const temp = makeTempDir('strata-media-local-');
    return { storage: createLocalMediaStorage({ root: temp.path, publicBaseUrl: 'https://social.example/' }), cleanup: async () => temp.remove() };
  });

  it('takes names the file system cannot hold, or a file taken for a folder, as not stored', async () => {
    const temp = makeTempDir('strata-media-local-');
    const storage = createLocalMediaStorage({ root: temp.path, publicBaseUrl: 'https://social.example/' });
    try {
      await storage.put('accounts/headers/2/h.png', Buffer.from('png'), 'image/png');
      for (const key of [`accounts/${'a'.repeat(5000)}.png`, 'accounts/headers/2/h.png/x.png']) {
        expect(await storage.get(key)).toBeNull();
        expect(await storage.stat(key)).toBeNull();
      }
    } finally {
      temp.remove();
    }
  });
});
