import { scopeAllows } from '@strata/auth';
import { type ReadModelStore } from '@strata/read-models';
import { channels, listsCollection } from '@strata/views';

/** The stream names Mastodon's streaming API knows, as WebSocket `stream` values. */
export const STREAM_NAMES = [
  'user',
  'user:notification',
  'public',
  'public:media',
  'public:local',
  'public:local:media',
  'public:remote',
  'public:remote:media',
  'hashtag',
  'hashtag:local',
  'list',
  'direct',
] as const;
export type StreamName = (typeof STREAM_NAMES)[number];

export interface StreamRequest {
  stream: string;
  tag?: string | undefined;
  list?: string | undefined;
}

export interface ResolvedStream {
  name: StreamName;
  /** What clients see as `stream`: the name, plus the tag or list id. */
  label: string[];
  channel: string;
  /** Only these events of the channel reach this stream. */
  events: ReadonlySet<string>;
  onlyMedia: boolean;
}

export class StreamError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

const STATUS_EVENTS = new Set(['update', 'delete', 'status.update']);

export interface Viewer {
  accountId: string | null;
  scopes: string[];
}

/** Checks a subscription the way Mastodon's streaming server does and finds its channel. */
export async function resolveStream(store: ReadModelStore, viewer: Viewer, request: StreamRequest): Promise<ResolvedStream> {
  const name = STREAM_NAMES.find((n) => n === request.stream);
  if (!name) throw new StreamError(400, 'Unknown stream type');
  const needs = (...scopes: string[]) => {
    if (!viewer.accountId) throw new StreamError(401, 'Missing access token');
    if (!scopes.some((scope) => scopeAllows(viewer.scopes, scope))) throw new StreamError(401, 'Access token does not have the required scopes');
  };
  const media = name.endsWith(':media');
  switch (name) {
    case 'user':
      needs('read:statuses', 'read:notifications');
      return { name, label: [name], channel: channels.user(viewer.accountId!), events: new Set([...STATUS_EVENTS, 'notification', 'filters_changed', 'conversation', 'announcement', 'announcement.reaction', 'announcement.delete']), onlyMedia: false };
    case 'user:notification':
      needs('read:notifications');
      return { name, label: [name], channel: channels.user(viewer.accountId!), events: new Set(['notification']), onlyMedia: false };
    case 'public':
    case 'public:media':
    case 'public:local':
    case 'public:local:media':
    case 'public:remote':
    case 'public:remote:media': {
      if (viewer.accountId) needs('read:statuses');
      const channel = name.startsWith('public:remote') ? channels.remote : channels.public(name.startsWith('public:local'));
      return { name, label: [name], channel, events: STATUS_EVENTS, onlyMedia: media };
    }
    case 'hashtag':
    case 'hashtag:local': {
      if (viewer.accountId) needs('read:statuses');
      const tag = request.tag?.replace(/^#/, '').trim();
      if (!tag) throw new StreamError(400, 'No tag for stream provided');
      return { name, label: [name, tag], channel: channels.hashtag(tag, name === 'hashtag:local'), events: STATUS_EVENTS, onlyMedia: false };
    }
    case 'list': {
      needs('read:lists', 'read:statuses');
      const list = request.list ? await listsCollection(store).get(request.list) : null;
      if (!list || list.accountId !== viewer.accountId) throw new StreamError(404, 'Not authorized to stream this list');
      return { name, label: [name, list.id], channel: channels.list(list.id), events: STATUS_EVENTS, onlyMedia: false };
    }
    case 'direct':
      needs('read:statuses');
      return { name, label: [name], channel: channels.direct(viewer.accountId!), events: new Set(['conversation', 'delete']), onlyMedia: false };
  }
}
