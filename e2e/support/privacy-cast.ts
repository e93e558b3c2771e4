import { createRestAPIClient } from 'masto';
import type { TestUser } from './users.ts';

/**
 * The cast and the posts of the privacy matrix: one author whose statuses of every
 * visibility are read by viewers in every relationship to them, and an oracle that says
 * — independently of the product's policy code — who must see what.
 */
export const VIEWERS = ['anonymous', 'app', 'author', 'follower', 'former', 'stranger', 'mentioned', 'blocked', 'blocking', 'muted', 'suspended'] as const;
export type Viewer = (typeof VIEWERS)[number];
export type Visibility = 'public' | 'unlisted' | 'private' | 'direct';
export const VISIBILITIES: Visibility[] = ['public', 'unlisted', 'private', 'direct'];

export interface Post {
  key: string;
  id: string;
  /** `gone`: an account suspended after posting. */
  by: 'author' | 'booster' | 'gone';
  visibility: Visibility;
  kind: 'root' | 'reply' | 'boost';
  /** The boosted or replied-to post's key. */
  of?: string;
  mentions: boolean;
  pinned: boolean;
}

export const WORD = 'matrixword';
export const TAG = 'matrixtag';

/** Whether `viewer` may see `post` at all (by id, in lists, in streams). */
export function sees(viewer: Viewer, post: Post, posts: Map<string, Post>): boolean {
  if (viewer === 'suspended' || post.by === 'gone') return false;
  const original = post.kind === 'boost' ? posts.get(post.of!)! : post;
  // every post of the matrix is by the author or boosts one: a block either way hides it
  if (viewer === 'blocked' || viewer === 'blocking') return false;
  if (viewer === 'author') return true;
  switch (original.visibility) {
    case 'public':
    case 'unlisted':
      return true;
    case 'private':
      return viewer === 'follower' || viewer === 'muted' || (viewer === 'mentioned' && original.mentions);
    case 'direct':
      return viewer === 'mentioned' && original.mentions;
  }
}

/** Whether a feed (public, hashtag, list, home, streams) shows it: visible and not muted. */
export const feedShows = (viewer: Viewer, post: Post, posts: Map<string, Post>) => sees(viewer, post, posts) && viewer !== 'muted';

export interface Cast {
  users: Record<string, TestUser>;
  appToken: string;
}

/** Signs up the cast: every viewer with an account, a third-party booster and an account to be suspended. */
export async function signUpCast(url: string): Promise<Cast> {
  const names = ['author', 'follower', 'former', 'stranger', 'mentioned', 'blocked', 'blocking', 'muted', 'suspended', 'booster', 'gone'];
  const json = async (path: string, body: object, headers: Record<string, string> = {}) => {
    const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, string>;
  };
  const app = await json('/api/v1/apps', { client_name: 'matrix', redirect_uris: 'urn:ietf:wg:oauth:2.0:oob', scopes: 'read write follow' });
  const appToken = (await json('/oauth/token', { grant_type: 'client_credentials', client_id: app['client_id'], client_secret: app['client_secret'], scope: 'read write follow' }))['access_token']!;
  const users: Record<string, TestUser> = {};
  for (const [index, username] of names.entries()) {
    // each person signs up from an address of their own, as sign-ups are limited per address
    const headers = { authorization: `Bearer ${appToken}`, 'x-forwarded-for': `10.9.0.${index + 1}` };
    const token = (await json('/api/v1/accounts', { username, email: `${username}@example.com`, password: `${username} password 1`, agreement: true, locale: 'en' }, headers))['access_token']!;
    const client = createRestAPIClient({ url, accessToken: token });
    users[username] = { username, id: (await client.v1.accounts.verifyCredentials()).id, token, client };
  }
  return { users, appToken };
}
