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

async function request(path: string, init: RequestInit): Promise<{ json: unknown; res: Response }> {
  const headers = new Headers(init.headers);
  headers.set('accept', 'application/json');
  const bearer = token.get();
  if (bearer) headers.set('authorization', `Bearer ${bearer}`);
  const res = await fetch(path, { ...init, headers });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) {
    if (res.status === 401) token.clear();
    throw new ApiError(res.status, (json && json.error) || `HTTP ${res.status}`);
  }
  return { json, res };
}

export async function api<T = unknown>(path: string, options: { method?: string; body?: unknown } = {}): Promise<T> {
  const json = options.body !== undefined;
  const init = { method: options.method ?? 'GET', headers: json ? { 'content-type': 'application/json' } : undefined, body: json ? JSON.stringify(options.body) : undefined };
  return (await request(path, init)).json as T;
}

/** A page of a paginated list, with the path of the next (older) page from the Link header. */
export async function apiPage<T>(path: string): Promise<{ items: T[]; next: string | null }> {
  const { json, res } = await request(path, { method: 'GET' });
  const next = res.headers.get('link')?.match(/<([^>]+)>;\s*rel="next"/)?.[1];
  return { items: json as T[], next: next ? new URL(next, location.href).pathname + new URL(next, location.href).search : null };
}

/** A multipart upload (media, profile images). */
export async function upload<T>(path: string, form: FormData, method = 'POST'): Promise<T> {
  return (await request(path, { method, body: form })).json as T;
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
  locked: boolean;
  bot?: boolean;
  discoverable?: boolean | null;
  fields?: ProfileField[];
  source?: { note: string; privacy?: Visibility; sensitive?: boolean; language?: string | null; fields?: ProfileField[] };
  role?: { name: string; permissions: string };
}

/** A profile's name/value pair; verified_at is set when the value's link points back with rel=me. */
export interface ProfileField {
  name: string;
  value: string;
  verified_at?: string | null;
}

export type Visibility = 'public' | 'unlisted' | 'private' | 'direct';

export interface MediaAttachment {
  id: string;
  type: 'image' | 'gifv' | 'video' | 'audio' | 'unknown';
  url: string | null;
  preview_url: string | null;
  description: string | null;
  meta?: { focus?: { x: number; y: number } } | null;
}

export interface FilterResult {
  filter: { id: string; title: string; filter_action: 'warn' | 'hide' | 'blur' };
  keyword_matches: string[] | null;
}

export interface Status {
  id: string;
  created_at: string;
  content: string;
  spoiler_text: string;
  visibility: Visibility;
  url: string | null;
  account: Account;
  reblog: Status | null;
  in_reply_to_id: string | null;
  replies_count: number;
  reblogs_count: number;
  favourites_count: number;
  favourited: boolean;
  reblogged: boolean;
  bookmarked: boolean;
  sensitive: boolean;
  media_attachments: MediaAttachment[];
  filtered?: FilterResult[];
  mentions: { acct: string }[];
  poll: Poll | null;
  pinned?: boolean;
  edited_at?: string | null;
}

export interface Poll {
  id: string;
  expires_at: string | null;
  expired: boolean;
  multiple: boolean;
  votes_count: number;
  voters_count: number | null;
  options: { title: string; votes_count: number | null }[];
  voted?: boolean;
  own_votes?: number[];
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
  muting: boolean;
  blocking: boolean;
  note: string;
}
