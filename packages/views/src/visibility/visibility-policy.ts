/**
 * The one visibility policy: who may see a status, and which statuses a feed shows.
 * Pure functions over the viewer's relationships (loaded by `viewer-relations.ts`) and
 * the status, so every read path — REST, streaming, search, notifications, counters,
 * lists, pins, context, and later federation and web pages — decides the same way.
 * See docs/adr/0006-one-visibility-policy.md.
 */
import type { Visibility } from '@strata/contracts';

/** What the policy needs to know of a status (a boost carries its original's visibility and mentions). */
export interface StatusAudience {
  accountId: string;
  visibility: Visibility;
  mentionIds: readonly string[];
  reblogOfAccountId: string | null;
}

/** The viewer's relationships with the accounts that matter for the statuses at hand. */
export interface ViewerRelations {
  /** null for anonymous and app-only callers. */
  viewerId: string | null;
  /** Accounts the viewer follows (accepted follows only). */
  following: ReadonlySet<string>;
  /** Accounts the viewer blocks or is blocked by: nothing crosses a block, either way. */
  blocked: ReadonlySet<string>;
  /** Accounts the viewer muted (live mutes): out of feeds, still readable by id. */
  muted: ReadonlySet<string>;
  /** Accounts hidden from everyone but themselves (suspended). */
  unavailable: ReadonlySet<string>;
  /** Accounts a moderator silenced: out of feeds (public, hashtag, threads) except for their followers; readable by id. */
  silenced: ReadonlySet<string>;
  /** Accounts on servers the viewer hid (user domain blocks): out of feeds and notifications. */
  domainBlocked: ReadonlySet<string>;
}

export const anonymousViewer: ViewerRelations = {
  viewerId: null,
  following: new Set(),
  blocked: new Set(),
  muted: new Set(),
  unavailable: new Set(),
  silenced: new Set(),
  domainBlocked: new Set(),
};

/** Whether an account's presence (in lists of accounts, counts, search) may be shown to this viewer. */
export function canSeeAccount(viewer: ViewerRelations, accountId: string): boolean {
  if (accountId === viewer.viewerId) return true;
  return !viewer.unavailable.has(accountId) && !viewer.blocked.has(accountId);
}

/**
 * Whether the viewer may read this status at all (by id, in any list, in any stream):
 * public and unlisted everyone; private the author's followers and the mentioned;
 * direct only the mentioned; never across a block or from a suspended account. For a
 * boost the booster and the boosted author are both checked.
 */
export function canView(viewer: ViewerRelations, status: StatusAudience): boolean {
  const { viewerId } = viewer;
  const authors = status.reblogOfAccountId ? [status.accountId, status.reblogOfAccountId] : [status.accountId];
  if (authors.some((author) => !canSeeAccount(viewer, author))) return false;
  const author = status.reblogOfAccountId ?? status.accountId;
  if (viewerId === author) return true;
  switch (status.visibility) {
    case 'public':
    case 'unlisted':
      return true;
    case 'private':
      return viewerId !== null && (status.mentionIds.includes(viewerId) || viewer.following.has(author));
    case 'direct':
      return viewerId !== null && status.mentionIds.includes(viewerId);
  }
}

/**
 * Whether a feed (home, public, hashtag, list) shows this status: visible, nobody in it
 * muted or on a server the viewer hid, and its author not silenced unless the viewer is the author or follows them.
 */
export function showInFeed(viewer: ViewerRelations, status: StatusAudience): boolean {
  if (!canView(viewer, status) || silencedFor(viewer, status)) return false;
  if (viewer.domainBlocked.has(status.accountId) || (status.reblogOfAccountId && viewer.domainBlocked.has(status.reblogOfAccountId))) return false;
  return !viewer.muted.has(status.accountId) && !(status.reblogOfAccountId && viewer.muted.has(status.reblogOfAccountId));
}

/**
 * Whether a moderator's silence keeps this status from the viewer's feeds and searches:
 * its author is silenced and the viewer is neither the author nor a follower.
 */
export function silencedFor(viewer: ViewerRelations, status: StatusAudience): boolean {
  const author = status.reblogOfAccountId ?? status.accountId;
  return viewer.silenced.has(author) && author !== viewer.viewerId && !viewer.following.has(author);
}

/**
 * Whether a status counts where everyone can read the count: replies counts, hashtag
 * history and trends. Only statuses everyone may see, as in Mastodon.
 */
export function countsPublicly(status: { visibility: Visibility; reblogOfId?: string | null }): boolean {
  return !status.reblogOfId && (status.visibility === 'public' || status.visibility === 'unlisted');
}

/** The visibilities a public count or listing may include, for queries. */
export const PUBLICLY_COUNTED: Visibility[] = ['public', 'unlisted'];
