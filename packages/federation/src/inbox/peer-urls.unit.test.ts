import { describe, expect, it } from 'vitest';
import { isPeerUrlAllowed } from './peer-urls.ts';

describe('isPeerUrlAllowed', () => {
  it('admits https peers, and plain http only when private peers are allowed (tests)', () => {
    expect(isPeerUrlAllowed('https://peer.example/inbox', false)).toBe(true);
    expect(isPeerUrlAllowed('http://peer.example/inbox', false)).toBe(false);
    expect(isPeerUrlAllowed('http://127.0.0.1:4000/inbox', true)).toBe(true);
    expect(isPeerUrlAllowed('ftp://peer.example/inbox', true)).toBe(false);
    expect(isPeerUrlAllowed('not a url', true)).toBe(false);
    expect(isPeerUrlAllowed(null, false)).toBe(true);
  });
});
