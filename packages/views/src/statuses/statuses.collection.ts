import type { Visibility } from '@strata/contracts';
import type { Collection, Doc, ReadModelStore } from '@strata/read-models';

export interface MentionDoc {
  id: string;
  username: string;
  acct: string;
  url: string;
}

/** A status or a boost (then `reblogOfId` is set and the content is the original's). */
export interface StatusDoc extends Doc {
  accountId: string;
  visibility: Visibility;
  inReplyToId: string | null;
  inReplyToAccountId: string | null;
  reblogOfId: string | null;
  reblogOfAccountId: string | null;
  text: string;
  spoilerText: string;
  contentHtml: string;
  sensitive: boolean;
  language: string | null;
  mentionIds: string[];
  mentions: MentionDoc[];
  tags: string[];
  /** A remote status's custom emojis (local statuses have none yet). */
  emojis?: { shortcode: string; url: string }[];
  /** Attachments in order; `hasMedia` lets only_media timelines filter in the store. */
  mediaIds: string[];
  hasMedia: boolean;
  createdAt: string;
  editedAt: string | null;
  local: boolean;
  /** A remote status's ActivityPub id and web page (absent on local ones: those derive from the id). */
  uri?: string | null;
  url?: string | null;
  applicationId: string | null;
  repliesCount: number;
  reblogsCount: number;
  favouritesCount: number;
  streamRevision: number;
}

export interface StatusEditDoc extends Doc {
  statusId: string;
  text: string;
  spoilerText: string;
  contentHtml: string;
  sensitive: boolean;
  mediaIds: string[];
  createdAt: string;
}

export function statusesCollection(store: ReadModelStore): Collection<StatusDoc> {
  return store.collection<StatusDoc>('statuses', {
    indexes: [['accountId', 'id'], ['inReplyToId'], ['reblogOfId'], ['visibility', 'local', 'id'], ['visibility', 'id'], ['hasMedia', 'id'], ['uri']],
    searchFields: ['text', 'spoilerText'],
    arrayFields: ['tags', 'mentionIds'],
  });
}

export function statusEditsCollection(store: ReadModelStore): Collection<StatusEditDoc> {
  return store.collection<StatusEditDoc>('status_edits', { indexes: [['statusId']] });
}

/** Per-account marks on statuses (favourite, bookmark, pin, mute), one collection each. */
export interface StatusMarkDoc extends Doc {
  accountId: string;
  statusId: string;
  statusAccountId: string;
  /** Time-ordered id of the mark: what lists of favourites and bookmarks page by. */
  markId: string;
  createdAt: string;
}

export function marksCollection(store: ReadModelStore, kind: 'favourite' | 'bookmark' | 'pin' | 'mute'): Collection<StatusMarkDoc> {
  return store.collection<StatusMarkDoc>(`status_${kind}s`, {
    indexes: [['accountId', 'markId'], ['statusId']],
    numericStringFields: ['markId'],
  });
}

export const markId = (accountId: string, statusId: string) => `${accountId}:${statusId}`;
