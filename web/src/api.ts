/** The only way the app talks to Strata: the public Mastodon API with the signed-in user's token. */
const TOKEN_KEY = 'strata-token';

export const token = {
  get: () => localStorage.getItem(TOKEN_KEY),
  set: (value: string) => localStorage.setItem(TOKEN_KEY, value),
  clear: () => localStorage.removeItem(TOKEN_KEY),
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function api<T = unknown>(path: string, options: { method?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const bearer = token.get();
  if (bearer) headers['authorization'] = `Bearer ${bearer}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method: options.method ?? 'GET', headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) {
    if (res.status === 401) token.clear();
    throw new ApiError(res.status, (json && json.error) || `HTTP ${res.status}`);
  }
  return json as T;
}

export interface Account {
  id: string;
  username: string;
  acct: string;
  display_name: string;
  note: string;
  avatar: string;
  header: string;
  url: string;
  followers_count: number;
  following_count: number;
  statuses_count: number;
  source?: { note: string };
}

export interface Status {
  id: string;
  created_at: string;
  content: string;
  spoiler_text: string;
  visibility: 'public' | 'unlisted' | 'private' | 'direct';
  url: string | null;
  account: Account;
  reblog: Status | null;
  in_reply_to_id: string | null;
  replies_count: number;
  reblogs_count: number;
  favourites_count: number;
  favourited: boolean;
  reblogged: boolean;
  mentions: { acct: string }[];
}

export interface Notification {
  id: string;
  type: string;
  created_at: string;
  account: Account;
  status: Status | null;
}

export interface Relationship {
  id: string;
  following: boolean;
  requested: boolean;
}
