import { describe, expect, it } from 'vitest';
import { parseHandle } from './webfinger.ts';

describe('parseHandle', () => {
  it('reads user@domain with or without a leading @, a port, and lower-cases the domain', () => {
    expect(parseHandle('@bob@Peer.Example')).toEqual({ username: 'bob', domain: 'peer.example' });
    expect(parseHandle(' bob@127.0.0.3 ')).toEqual({ username: 'bob', domain: '127.0.0.3' });
    expect(parseHandle('bob@localhost:3001')).toEqual({ username: 'bob', domain: 'localhost:3001' });
  });

  it('refuses what is not one handle', () => {
    for (const text of ['bob', '@bob', 'bob@', 'bob@peer.example/path', 'a@b@c', 'bob@peer example', 'https://peer.example/@bob']) {
      expect(parseHandle(text)).toBeNull();
    }
  });
});
