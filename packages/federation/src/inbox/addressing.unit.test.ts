import { PUBLIC_COLLECTION } from '@fedify/vocab';
import { describe, expect, it } from 'vitest';
import { visibilityFromAddressing } from './addressing.ts';

const followers = 'https://peer.example/users/a/followers';
const someone = new URL('https://strata.example/users/b');
const urls = (...hrefs: (string | URL)[]) => hrefs.map((href) => new URL(href));

describe('visibilityFromAddressing', () => {
  it('reads to Public as public, cc Public as unlisted, whatever else is addressed', () => {
    expect(visibilityFromAddressing(urls(PUBLIC_COLLECTION), urls(followers), followers)).toBe('public');
    expect(visibilityFromAddressing(urls('as:Public'), [], followers)).toBe('public');
    expect(visibilityFromAddressing(urls(followers), urls(PUBLIC_COLLECTION, someone), followers)).toBe('unlisted');
    expect(visibilityFromAddressing(urls(followers), urls('as:Public'), followers)).toBe('unlisted');
  });

  it("reads to the author's followers collection as followers-only; followers only in cc is direct, as Mastodon reads it", () => {
    expect(visibilityFromAddressing(urls(followers), [], followers)).toBe('private');
    expect(visibilityFromAddressing(urls(followers, someone), [], followers)).toBe('private');
    expect(visibilityFromAddressing(urls(someone), urls(followers), followers)).toBe('direct');
  });

  it('reads anything else as direct: the mentioned only, an unknown collection, nothing at all', () => {
    expect(visibilityFromAddressing(urls(someone), [], followers)).toBe('direct');
    expect(visibilityFromAddressing(urls('https://peer.example/users/a/following'), [], followers)).toBe('direct');
    // an actor without a followers collection cannot post followers-only
    expect(visibilityFromAddressing(urls(followers), [], null)).toBe('direct');
    expect(visibilityFromAddressing([], [], followers)).toBe('direct');
  });
});
