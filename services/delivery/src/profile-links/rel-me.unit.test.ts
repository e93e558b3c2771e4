import { describe, expect, it } from 'vitest';
import { linkBackOf, relMeLinksOf, verifiableUrlOf } from './rel-me.ts';

const profile = ['https://social.example/@alice', 'https://social.example/users/alice'];

describe('rel=me verification', () => {
  it('verifies only values that are one absolute URL of an allowed scheme without credentials', () => {
    expect(verifiableUrlOf(' https://alice.example/ ', false)?.href).toBe('https://alice.example/');
    expect(verifiableUrlOf('http://alice.example/', false)).toBeNull();
    expect(verifiableUrlOf('http://127.0.0.1:8080/me', true)?.href).toBe('http://127.0.0.1:8080/me');
    expect(verifiableUrlOf('see https://alice.example/', false)).toBeNull();
    expect(verifiableUrlOf('alice.example', false)).toBeNull();
    expect(verifiableUrlOf('https://user:pw@alice.example/', false)).toBeNull();
    expect(verifiableUrlOf('mailto:alice@alice.example', true)).toBeNull();
  });

  it('finds rel=me links among other rel tokens, on <a> and <link> only', () => {
    const html = `<link rel="stylesheet" href="/s.css"><link rel="me" href="https://a.example/1">
      <a rel="nofollow  ME noopener" href="https://a.example/2">x</a><a href="https://a.example/3">y</a>
      <img rel="me" src="https://a.example/4"><a rel="mean" href="https://a.example/5">z</a>`;
    expect(relMeLinksOf(html)).toEqual(['https://a.example/1', 'https://a.example/2']);
  });

  it('accepts a link back to the profile page or the actor, and names the first rel=me link otherwise', () => {
    expect(linkBackOf('<a rel="me" href="https://Social.example/@alice">me</a>', profile)).toEqual({ linksBack: true });
    expect(linkBackOf('<a rel="me" href="https://x.example/">x</a><link rel="me" href="https://social.example/users/alice">', profile)).toEqual({ linksBack: true });
    expect(linkBackOf('<a href="https://social.example/@alice">not rel=me</a>', profile)).toEqual({ linksBack: false, maybeRedirect: null });
    expect(linkBackOf('<a rel="me" href="https://short.example/a">a</a><a rel="me" href="https://social.example/@alice/">slash</a>', profile)).toEqual({
      linksBack: false,
      maybeRedirect: 'https://short.example/a',
    });
  });
});
