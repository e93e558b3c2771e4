import type { TestUser } from './users.ts';

/**
 * The client endpoints Mastodon 4.5 documents in mastodon/documentation, content/en/methods
 * (one page per resource, each endpoint a `## ` heading with its `METHOD /path`). Left out:
 * the admin API (its own suite), endpoints the docs mark removed (`/api/v1/search`,
 * `/api/v1/timelines/direct`, `/api/v1/statuses/:id/card`'s predecessors, `/api/proofs`,
 * `/api/v2_alpha/notifications`), and pages for later versions (collections, the 4.6
 * profile and annual report additions, the unreleased circles page).
 */
/** Documented reads that need no token and no id: the instance's documents and discovery. */
const PUBLIC_READS = [
  'GET /api/v2/instance',
  'GET /api/v1/instance',
  'GET /api/v1/instance/peers',
  'GET /api/v1/instance/activity',
  'GET /api/v1/instance/rules',
  'GET /api/v1/instance/domain_blocks',
  'GET /api/v1/instance/extended_description',
  'GET /api/v1/instance/privacy_policy',
  'GET /api/v1/instance/terms_of_service',
  'GET /api/v1/instance/languages',
  'GET /api/v1/instance/translation_languages',
  'GET /api/v1/trends/tags',
  'GET /api/v1/trends/statuses',
  'GET /api/v1/trends/links',
  'GET /api/v1/trends',
  'GET /api/v1/directory',
  'GET /api/v1/custom_emojis',
] as const;

export const DOCUMENTED_CLIENT_ENDPOINTS = [
  // apps.md, oauth.md, emails.md, health.md, oembed.md
  'POST /api/v1/apps',
  'GET /api/v1/apps/verify_credentials',
  'GET /oauth/authorize',
  'POST /oauth/token',
  'POST /oauth/revoke',
  'GET /oauth/userinfo',
  'GET /.well-known/oauth-authorization-server',
  'POST /api/v1/emails/confirmations',
  'GET /api/v1/emails/check_confirmation',
  'GET /health',
  'GET /api/oembed',
  // accounts.md
  'POST /api/v1/accounts',
  'GET /api/v1/accounts/verify_credentials',
  'PATCH /api/v1/accounts/update_credentials',
  'GET /api/v1/accounts/:id',
  'GET /api/v1/accounts',
  'GET /api/v1/accounts/:id/statuses',
  'GET /api/v1/accounts/:id/followers',
  'GET /api/v1/accounts/:id/following',
  'GET /api/v1/accounts/:id/featured_tags',
  'GET /api/v1/accounts/:id/lists',
  'GET /api/v1/accounts/:id/identity_proofs',
  'POST /api/v1/accounts/:id/follow',
  'POST /api/v1/accounts/:id/unfollow',
  'POST /api/v1/accounts/:id/remove_from_followers',
  'POST /api/v1/accounts/:id/block',
  'POST /api/v1/accounts/:id/unblock',
  'POST /api/v1/accounts/:id/mute',
  'POST /api/v1/accounts/:id/unmute',
  'POST /api/v1/accounts/:id/pin',
  'POST /api/v1/accounts/:id/unpin',
  'POST /api/v1/accounts/:id/endorse',
  'POST /api/v1/accounts/:id/unendorse',
  'GET /api/v1/accounts/:id/endorsements',
  'POST /api/v1/accounts/:id/note',
  'GET /api/v1/accounts/relationships',
  'GET /api/v1/accounts/familiar_followers',
  'GET /api/v1/accounts/search',
  'GET /api/v1/accounts/lookup',
  // profile.md (4.2), bookmarks, favourites, mutes, blocks, domain_blocks, filters, reports
  'DELETE /api/v1/profile/avatar',
  'DELETE /api/v1/profile/header',
  'GET /api/v1/bookmarks',
  'GET /api/v1/favourites',
  'GET /api/v1/mutes',
  'GET /api/v1/blocks',
  'GET /api/v1/domain_blocks',
  'POST /api/v1/domain_blocks',
  'DELETE /api/v1/domain_blocks',
  'GET /api/v2/filters',
  'GET /api/v2/filters/:id',
  'POST /api/v2/filters',
  'PUT /api/v2/filters/:id',
  'DELETE /api/v2/filters/:id',
  'GET /api/v2/filters/:filter_id/keywords',
  'POST /api/v2/filters/:filter_id/keywords',
  'GET /api/v2/filters/keywords/:id',
  'PUT /api/v2/filters/keywords/:id',
  'DELETE /api/v2/filters/keywords/:id',
  'GET /api/v2/filters/:filter_id/statuses',
  'POST /api/v2/filters/:filter_id/statuses',
  'GET /api/v2/filters/statuses/:id',
  'DELETE /api/v2/filters/statuses/:id',
  'GET /api/v1/filters',
  'GET /api/v1/filters/:id',
  'POST /api/v1/filters',
  'PUT /api/v1/filters/:id',
  'DELETE /api/v1/filters/:id',
  'POST /api/v1/reports',
  // follow_requests, endorsements, featured_tags, preferences, followed_tags, suggestions, tags
  'GET /api/v1/follow_requests',
  'POST /api/v1/follow_requests/:account_id/authorize',
  'POST /api/v1/follow_requests/:account_id/reject',
  'GET /api/v1/endorsements',
  'GET /api/v1/featured_tags',
  'POST /api/v1/featured_tags',
  'DELETE /api/v1/featured_tags/:id',
  'GET /api/v1/featured_tags/suggestions',
  'GET /api/v1/preferences',
  'GET /api/v1/followed_tags',
  'GET /api/v2/suggestions',
  'GET /api/v1/suggestions',
  'DELETE /api/v1/suggestions/:account_id',
  'GET /api/v1/tags/:name',
  'POST /api/v1/tags/:name/follow',
  'POST /api/v1/tags/:name/unfollow',
  'POST /api/v1/tags/:name/feature',
  'POST /api/v1/tags/:name/unfeature',
  // statuses.md, media.md, polls.md, scheduled_statuses.md
  'POST /api/v1/statuses',
  'GET /api/v1/statuses/:id',
  'GET /api/v1/statuses',
  'DELETE /api/v1/statuses/:id',
  'GET /api/v1/statuses/:id/context',
  'POST /api/v1/statuses/:id/translate',
  'GET /api/v1/statuses/:id/reblogged_by',
  'GET /api/v1/statuses/:id/favourited_by',
  'POST /api/v1/statuses/:id/favourite',
  'POST /api/v1/statuses/:id/unfavourite',
  'POST /api/v1/statuses/:id/reblog',
  'POST /api/v1/statuses/:id/unreblog',
  'POST /api/v1/statuses/:id/bookmark',
  'POST /api/v1/statuses/:id/unbookmark',
  'POST /api/v1/statuses/:id/mute',
  'POST /api/v1/statuses/:id/unmute',
  'POST /api/v1/statuses/:id/pin',
  'POST /api/v1/statuses/:id/unpin',
  'PUT /api/v1/statuses/:id',
  'GET /api/v1/statuses/:id/history',
  'GET /api/v1/statuses/:id/source',
  'GET /api/v1/statuses/:id/card',
  'GET /api/v1/statuses/:id/quotes',
  'POST /api/v1/statuses/:id/quotes/:quoting_status_id/revoke',
  'PUT /api/v1/statuses/:id/interaction_policy',
  'POST /api/v2/media',
  'POST /api/v1/media',
  'GET /api/v1/media/:id',
  'PUT /api/v1/media/:id',
  'DELETE /api/v1/media/:id',
  'GET /api/v1/polls/:id',
  'POST /api/v1/polls/:id/votes',
  'GET /api/v1/scheduled_statuses',
  'GET /api/v1/scheduled_statuses/:id',
  'PUT /api/v1/scheduled_statuses/:id',
  'DELETE /api/v1/scheduled_statuses/:id',
  // timelines.md, conversations.md, lists.md, markers.md, streaming.md
  'GET /api/v1/timelines/public',
  'GET /api/v1/timelines/tag/:hashtag',
  'GET /api/v1/timelines/home',
  'GET /api/v1/timelines/link',
  'GET /api/v1/timelines/list/:list_id',
  'GET /api/v1/conversations',
  'DELETE /api/v1/conversations/:id',
  'POST /api/v1/conversations/:id/read',
  'GET /api/v1/lists',
  'GET /api/v1/lists/:id',
  'POST /api/v1/lists',
  'PUT /api/v1/lists/:id',
  'DELETE /api/v1/lists/:id',
  'GET /api/v1/lists/:id/accounts',
  'POST /api/v1/lists/:id/accounts',
  'DELETE /api/v1/lists/:id/accounts',
  'GET /api/v1/markers',
  'POST /api/v1/markers',
  'GET /api/v1/streaming/health',
  'GET /api/v1/streaming/user',
  'GET /api/v1/streaming/user/notification',
  'GET /api/v1/streaming/public',
  'GET /api/v1/streaming/public/local',
  'GET /api/v1/streaming/public/remote',
  'GET /api/v1/streaming/hashtag',
  'GET /api/v1/streaming/hashtag/local',
  'GET /api/v1/streaming/list',
  'GET /api/v1/streaming/direct',
  // notifications.md, grouped_notifications.md, push.md
  'GET /api/v1/notifications',
  'GET /api/v1/notifications/:id',
  'POST /api/v1/notifications/clear',
  'POST /api/v1/notifications/:id/dismiss',
  'GET /api/v1/notifications/unread_count',
  'GET /api/v2/notifications/policy',
  'PATCH /api/v2/notifications/policy',
  'GET /api/v1/notifications/policy',
  'PUT /api/v1/notifications/policy',
  'GET /api/v1/notifications/requests',
  'GET /api/v1/notifications/requests/:id',
  'POST /api/v1/notifications/requests/:id/accept',
  'POST /api/v1/notifications/requests/:id/dismiss',
  'POST /api/v1/notifications/requests/accept',
  'POST /api/v1/notifications/requests/dismiss',
  'GET /api/v1/notifications/requests/merged',
  'GET /api/v2/notifications',
  'GET /api/v2/notifications/:group_key',
  'POST /api/v2/notifications/:group_key/dismiss',
  'GET /api/v2/notifications/:group_key/accounts',
  'GET /api/v2/notifications/unread_count',
  'POST /api/v1/push/subscription',
  'GET /api/v1/push/subscription',
  'PUT /api/v1/push/subscription',
  'DELETE /api/v1/push/subscription',
  // search.md, instance.md, trends.md, directory.md, custom_emojis.md, announcements.md
  'GET /api/v2/search',
  ...PUBLIC_READS,
  'GET /api/v1/instance/terms_of_service/:date',
  'GET /api/v1/announcements',
  'POST /api/v1/announcements/:id/dismiss',
  'PUT /api/v1/announcements/:id/reactions/:name',
  'DELETE /api/v1/announcements/:id/reactions/:name',
  // async_refreshes.md (4.4, experimental), annual_reports.md (the 4.3 and 4.4 endpoints)
  'GET /api/v1_alpha/async_refreshes/:id',
  'GET /api/v1/annual_reports',
  'GET /api/v1/annual_reports/:year',
  'POST /api/v1/annual_reports/:year/read',
] as const;

type Endpoint = (typeof DOCUMENTED_CLIENT_ENDPOINTS)[number];
type UserName = 'me' | 'friend' | 'asker' | 'asker2' | 'stranger' | 'stranger2' | 'extra';

export interface Fixtures {
  users: Record<UserName, TestUser>;
  statusId: string;
  pollStatusId: string;
  pollId: string;
  quoteId: string;
  throwawayId: string;
  mediaId: string;
  listId: string;
  filterId: string;
  keywordId: string;
  filterStatusId: string;
  filterV1Id: string;
  scheduledId: string;
  featuredTagId: string;
  announcementId: string;
  notificationId: string;
  mentionNotificationId: string;
  groupKey: string;
  conversationId: string;
  statusUrl: string;
  push: { endpoint: string; keys: { p256dh: string; auth: string } };
}

/**
 * One call: the documented endpoint, the concrete path with real ids, who calls it (`me`
 * unless said, null for no token) and, where the right answer is not a success, the
 * statuses that are (an app-token-only method called with a user token, a refresh id that
 * cannot exist without a peer). Calls that undo or remove come after the ones that read.
 */
export interface Probe {
  method: string;
  endpoint: Endpoint;
  path: string;
  body?: unknown;
  as?: UserName | null;
  expect?: number[];
}

const split = (endpoint: Endpoint) => endpoint.split(' ') as [string, string];

export function probesFor(f: Fixtures): Probe[] {
  const { me, friend, asker, asker2, stranger, stranger2, extra } = f.users;
  const today = new Date().toISOString().slice(0, 10);
  const year = new Date().getUTCFullYear();
  const probe = (endpoint: Endpoint, path?: string, extra: Omit<Probe, 'method' | 'endpoint' | 'path'> = {}): Probe => {
    const [method, template] = split(endpoint);
    return { method, endpoint, path: path ?? template, ...extra };
  };
  const s = `/api/v1/statuses/${f.statusId}`;
  const a = `/api/v1/accounts/${friend.id}`;
  return [
    probe('POST /api/v1/apps', undefined, { body: { client_name: 'surface', redirect_uris: 'urn:ietf:wg:oauth:2.0:oob' }, as: null }),
    probe('GET /api/v1/apps/verify_credentials'),
    probe('GET /oauth/authorize', '/oauth/authorize?response_type=code&client_id=unknown&redirect_uri=urn:ietf:wg:oauth:2.0:oob', { as: null, expect: [200, 400, 401] }),
    probe('POST /oauth/token', undefined, { body: { grant_type: 'password' }, as: null, expect: [400, 401] }),
    probe('POST /oauth/revoke', undefined, { body: { client_id: 'unknown', client_secret: 'unknown', token: 'unknown' }, as: null, expect: [200, 401, 403] }),
    probe('GET /oauth/userinfo'),
    probe('GET /.well-known/oauth-authorization-server', undefined, { as: null }),
    // only the app that signed the user up may resend its confirmation (403 otherwise, as documented)
    probe('POST /api/v1/emails/confirmations', undefined, { body: {}, expect: [200, 403, 422] }),
    probe('GET /api/v1/emails/check_confirmation'),
    probe('GET /health', undefined, { as: null }),
    probe('GET /api/oembed', `/api/oembed?url=${encodeURIComponent(f.statusUrl)}`, { as: null }),

    // registering needs an app token: a user token is refused, as in Mastodon
    probe('POST /api/v1/accounts', undefined, { body: { username: 'x' }, expect: [403] }),
    probe('GET /api/v1/accounts/verify_credentials'),
    probe('PATCH /api/v1/accounts/update_credentials', undefined, { body: { note: 'Hello' } }),
    probe('GET /api/v1/accounts/:id', a),
    probe('GET /api/v1/accounts', `/api/v1/accounts?id[]=${friend.id}&id[]=${me.id}`),
    probe('GET /api/v1/accounts/:id/statuses', `${a}/statuses`),
    probe('GET /api/v1/accounts/:id/followers', `/api/v1/accounts/${me.id}/followers`),
    probe('GET /api/v1/accounts/:id/following', `/api/v1/accounts/${me.id}/following`),
    probe('GET /api/v1/accounts/:id/featured_tags', `/api/v1/accounts/${me.id}/featured_tags`),
    probe('GET /api/v1/accounts/:id/lists', `${a}/lists`),
    probe('GET /api/v1/accounts/:id/identity_proofs', `${a}/identity_proofs`),
    probe('POST /api/v1/accounts/:id/note', `${a}/note`, { body: { comment: 'met at the meetup' } }),
    probe('POST /api/v1/accounts/:id/endorse', `${a}/endorse`),
    probe('GET /api/v1/accounts/:id/endorsements', `/api/v1/accounts/${me.id}/endorsements`),
    probe('GET /api/v1/endorsements'),
    probe('POST /api/v1/accounts/:id/unendorse', `${a}/unendorse`),
    probe('POST /api/v1/accounts/:id/pin', `${a}/pin`),
    probe('POST /api/v1/accounts/:id/unpin', `${a}/unpin`),
    probe('GET /api/v1/accounts/relationships', `/api/v1/accounts/relationships?id[]=${friend.id}`),
    probe('GET /api/v1/accounts/familiar_followers', `/api/v1/accounts/familiar_followers?id[]=${friend.id}`),
    probe('GET /api/v1/accounts/search', '/api/v1/accounts/search?q=friend'),
    probe('GET /api/v1/accounts/lookup', `/api/v1/accounts/lookup?acct=${friend.username}`),
    probe('POST /api/v1/accounts/:id/mute', `/api/v1/accounts/${extra.id}/mute`),
    probe('GET /api/v1/mutes'),
    probe('POST /api/v1/accounts/:id/unmute', `/api/v1/accounts/${extra.id}/unmute`),
    probe('POST /api/v1/accounts/:id/block', `/api/v1/accounts/${extra.id}/block`),
    probe('GET /api/v1/blocks'),
    probe('POST /api/v1/accounts/:id/unblock', `/api/v1/accounts/${extra.id}/unblock`),
    probe('POST /api/v1/accounts/:id/follow', `/api/v1/accounts/${extra.id}/follow`),
    probe('POST /api/v1/accounts/:id/unfollow', `/api/v1/accounts/${extra.id}/unfollow`),

    probe('GET /api/v1/bookmarks'),
    probe('GET /api/v1/favourites', undefined, { as: 'friend' }),
    probe('GET /api/v1/domain_blocks'),
    probe('POST /api/v1/domain_blocks', undefined, { body: { domain: 'blocked.example' } }),
    probe('DELETE /api/v1/domain_blocks', undefined, { body: { domain: 'blocked.example' } }),
    probe('GET /api/v2/filters'),
    probe('GET /api/v2/filters/:id', `/api/v2/filters/${f.filterId}`),
    probe('PUT /api/v2/filters/:id', `/api/v2/filters/${f.filterId}`, { body: { title: 'Spoilers!' } }),
    probe('GET /api/v2/filters/:filter_id/keywords', `/api/v2/filters/${f.filterId}/keywords`),
    probe('POST /api/v2/filters/:filter_id/keywords', `/api/v2/filters/${f.filterId}/keywords`, { body: { keyword: 'ending' } }),
    probe('GET /api/v2/filters/keywords/:id', `/api/v2/filters/keywords/${f.keywordId}`),
    probe('PUT /api/v2/filters/keywords/:id', `/api/v2/filters/keywords/${f.keywordId}`, { body: { keyword: 'finales' } }),
    probe('GET /api/v2/filters/:filter_id/statuses', `/api/v2/filters/${f.filterId}/statuses`),
    probe('POST /api/v2/filters/:filter_id/statuses', `/api/v2/filters/${f.filterId}/statuses`, { body: { status_id: f.quoteId } }),
    probe('GET /api/v2/filters/statuses/:id', `/api/v2/filters/statuses/${f.filterStatusId}`),
    probe('GET /api/v1/filters'),
    probe('GET /api/v1/filters/:id', `/api/v1/filters/${f.filterV1Id}`),
    probe('PUT /api/v1/filters/:id', `/api/v1/filters/${f.filterV1Id}`, { body: { phrase: 'plots', context: ['home'] } }),
    probe('POST /api/v1/reports', undefined, { body: { account_id: extra.id, comment: 'spam' } }),

    probe('GET /api/v1/follow_requests'),
    probe('POST /api/v1/follow_requests/:account_id/authorize', `/api/v1/follow_requests/${asker.id}/authorize`),
    probe('POST /api/v1/follow_requests/:account_id/reject', `/api/v1/follow_requests/${asker2.id}/reject`),
    probe('POST /api/v1/accounts/:id/remove_from_followers', `/api/v1/accounts/${asker.id}/remove_from_followers`),
    probe('GET /api/v1/featured_tags'),
    probe('GET /api/v1/featured_tags/suggestions'),
    probe('GET /api/v1/preferences'),
    probe('GET /api/v1/tags/:name', '/api/v1/tags/strata'),
    probe('POST /api/v1/tags/:name/follow', '/api/v1/tags/strata/follow'),
    probe('GET /api/v1/followed_tags'),
    probe('POST /api/v1/tags/:name/unfollow', '/api/v1/tags/strata/unfollow'),
    probe('POST /api/v1/tags/:name/feature', '/api/v1/tags/surface/feature'),
    probe('POST /api/v1/tags/:name/unfeature', '/api/v1/tags/surface/unfeature'),
    probe('GET /api/v2/suggestions', undefined, { as: 'stranger' }),
    probe('GET /api/v1/suggestions', undefined, { as: 'stranger' }),
    probe('DELETE /api/v1/suggestions/:account_id', `/api/v1/suggestions/${friend.id}`, { as: 'stranger' }),

    probe('POST /api/v1/statuses', undefined, { body: { status: 'another one' } }),
    probe('GET /api/v1/statuses/:id', s),
    probe('GET /api/v1/statuses', `/api/v1/statuses?id[]=${f.statusId}&id[]=${f.quoteId}`),
    probe('GET /api/v1/statuses/:id/context', `${s}/context`),
    // no translation service here: Mastodon's documented 503 for a translation that cannot be made
    probe('POST /api/v1/statuses/:id/translate', `${s}/translate`, { body: { lang: 'de' }, expect: [503] }),
    probe('GET /api/v1/statuses/:id/favourited_by', `${s}/favourited_by`),
    probe('POST /api/v1/statuses/:id/reblog', `/api/v1/statuses/${f.pollStatusId}/reblog`),
    probe('GET /api/v1/statuses/:id/reblogged_by', `/api/v1/statuses/${f.pollStatusId}/reblogged_by`),
    probe('POST /api/v1/statuses/:id/unreblog', `/api/v1/statuses/${f.pollStatusId}/unreblog`),
    probe('POST /api/v1/statuses/:id/favourite', `/api/v1/statuses/${f.pollStatusId}/favourite`),
    probe('POST /api/v1/statuses/:id/unfavourite', `/api/v1/statuses/${f.pollStatusId}/unfavourite`),
    probe('POST /api/v1/statuses/:id/bookmark', `/api/v1/statuses/${f.pollStatusId}/bookmark`),
    probe('POST /api/v1/statuses/:id/unbookmark', `/api/v1/statuses/${f.pollStatusId}/unbookmark`),
    probe('POST /api/v1/statuses/:id/mute', `${s}/mute`),
    probe('POST /api/v1/statuses/:id/unmute', `${s}/unmute`),
    probe('POST /api/v1/statuses/:id/pin', `${s}/pin`),
    probe('POST /api/v1/statuses/:id/unpin', `${s}/unpin`),
    probe('PUT /api/v1/statuses/:id', s, { body: { status: 'Hello #strata, edited https://example.com/page' } }),
    probe('GET /api/v1/statuses/:id/history', `${s}/history`),
    probe('GET /api/v1/statuses/:id/source', `${s}/source`),
    probe('GET /api/v1/statuses/:id/card', `${s}/card`),
    probe('GET /api/v1/statuses/:id/quotes', `${s}/quotes`),
    probe('PUT /api/v1/statuses/:id/interaction_policy', `${s}/interaction_policy`, { body: { quote_approval_policy: 'followers' } }),
    probe('POST /api/v1/statuses/:id/quotes/:quoting_status_id/revoke', `${s}/quotes/${f.quoteId}/revoke`),
    probe('GET /api/v1/media/:id', `/api/v1/media/${f.mediaId}`),
    probe('PUT /api/v1/media/:id', `/api/v1/media/${f.mediaId}`, { body: { description: 'one pixel' } }),
    probe('GET /api/v1/polls/:id', `/api/v1/polls/${f.pollId}`),
    probe('POST /api/v1/polls/:id/votes', `/api/v1/polls/${f.pollId}/votes`, { body: { choices: [0] } }),
    probe('GET /api/v1/scheduled_statuses'),
    probe('GET /api/v1/scheduled_statuses/:id', `/api/v1/scheduled_statuses/${f.scheduledId}`),
    probe('PUT /api/v1/scheduled_statuses/:id', `/api/v1/scheduled_statuses/${f.scheduledId}`, { body: { scheduled_at: new Date(Date.now() + 7_200_000).toISOString() } }),

    probe('GET /api/v1/timelines/public'),
    probe('GET /api/v1/timelines/tag/:hashtag', '/api/v1/timelines/tag/strata'),
    probe('GET /api/v1/timelines/home'),
    // a link has a timeline only while it trends: an address that never did is the documented 404,
    // so the route is proven by its own validation instead (400 for a URL that is not one)
    probe('GET /api/v1/timelines/link', '/api/v1/timelines/link?url=not-a-url', { expect: [400, 422] }),
    probe('GET /api/v1/timelines/list/:list_id', `/api/v1/timelines/list/${f.listId}`),
    probe('GET /api/v1/conversations'),
    probe('POST /api/v1/conversations/:id/read', `/api/v1/conversations/${f.conversationId}/read`),
    probe('GET /api/v1/lists'),
    probe('GET /api/v1/lists/:id', `/api/v1/lists/${f.listId}`),
    probe('PUT /api/v1/lists/:id', `/api/v1/lists/${f.listId}`, { body: { title: 'Close friends' } }),
    probe('GET /api/v1/lists/:id/accounts', `/api/v1/lists/${f.listId}/accounts`),
    probe('DELETE /api/v1/lists/:id/accounts', `/api/v1/lists/${f.listId}/accounts`, { body: { account_ids: [friend.id] } }),
    probe('POST /api/v1/lists/:id/accounts', `/api/v1/lists/${f.listId}/accounts`, { body: { account_ids: [friend.id] } }),
    probe('POST /api/v1/lists', undefined, { body: { title: 'Another' } }),
    probe('GET /api/v1/markers', '/api/v1/markers?timeline[]=home'),
    probe('POST /api/v1/markers', undefined, { body: { home: { last_read_id: f.statusId } } }),
    probe('GET /api/v1/streaming/health', undefined, { as: null }),
    probe('GET /api/v1/streaming/user'),
    probe('GET /api/v1/streaming/user/notification'),
    probe('GET /api/v1/streaming/public'),
    probe('GET /api/v1/streaming/public/local'),
    probe('GET /api/v1/streaming/public/remote'),
    probe('GET /api/v1/streaming/hashtag', '/api/v1/streaming/hashtag?tag=strata'),
    probe('GET /api/v1/streaming/hashtag/local', '/api/v1/streaming/hashtag/local?tag=strata'),
    probe('GET /api/v1/streaming/list', `/api/v1/streaming/list?list=${f.listId}`),
    probe('GET /api/v1/streaming/direct'),

    probe('GET /api/v1/notifications'),
    probe('GET /api/v1/notifications/:id', `/api/v1/notifications/${f.notificationId}`),
    probe('GET /api/v1/notifications/unread_count'),
    probe('GET /api/v2/notifications'),
    probe('GET /api/v2/notifications/:group_key', `/api/v2/notifications/${f.groupKey}`),
    probe('GET /api/v2/notifications/:group_key/accounts', `/api/v2/notifications/${f.groupKey}/accounts`),
    probe('GET /api/v2/notifications/unread_count'),
    probe('GET /api/v2/notifications/policy'),
    probe('PATCH /api/v2/notifications/policy', undefined, { body: { for_not_following: 'filter' } }),
    probe('GET /api/v1/notifications/policy'),
    probe('PUT /api/v1/notifications/policy', undefined, { body: { filter_not_following: true } }),
    probe('GET /api/v1/notifications/requests'),
    probe('GET /api/v1/notifications/requests/:id', `/api/v1/notifications/requests/${stranger.id}`),
    probe('POST /api/v1/notifications/requests/:id/accept', `/api/v1/notifications/requests/${stranger.id}/accept`),
    probe('POST /api/v1/notifications/requests/:id/dismiss', `/api/v1/notifications/requests/${stranger2.id}/dismiss`),
    probe('POST /api/v1/notifications/requests/accept', undefined, { body: { id: [stranger.id] } }),
    probe('POST /api/v1/notifications/requests/dismiss', undefined, { body: { id: [stranger2.id] } }),
    probe('GET /api/v1/notifications/requests/merged'),
    probe('POST /api/v1/push/subscription', undefined, { body: { subscription: f.push, data: { alerts: { mention: true } } } }),
    probe('GET /api/v1/push/subscription'),
    probe('PUT /api/v1/push/subscription', undefined, { body: { data: { alerts: { follow: true } } } }),

    probe('GET /api/v2/search', '/api/v2/search?q=strata'),
    // the instance's public documents and discovery, read without a token
    ...PUBLIC_READS.map((endpoint) => probe(endpoint, undefined, { as: null })),
    probe('GET /api/v1/instance/terms_of_service/:date', `/api/v1/instance/terms_of_service/${today}`, { as: null }),
    probe('GET /api/v1/announcements'),
    probe('PUT /api/v1/announcements/:id/reactions/:name', `/api/v1/announcements/${f.announcementId}/reactions/${encodeURIComponent('🎉')}`),
    probe('DELETE /api/v1/announcements/:id/reactions/:name', `/api/v1/announcements/${f.announcementId}/reactions/${encodeURIComponent('🎉')}`),
    probe('POST /api/v1/announcements/:id/dismiss', `/api/v1/announcements/${f.announcementId}/dismiss`),
    // a refresh runs only for a remote account's first view (covered with a peer elsewhere):
    // here the route proves itself by asking for a token, where a missing one would be a 404
    probe('GET /api/v1_alpha/async_refreshes/:id', `/api/v1_alpha/async_refreshes/account-statuses-${friend.id}-1`, { as: null, expect: [401] }),
    probe('GET /api/v1/annual_reports'),
    probe('GET /api/v1/annual_reports/:year', `/api/v1/annual_reports/${year}`),
    probe('POST /api/v1/annual_reports/:year/read', `/api/v1/annual_reports/${year}/read`),

    // what removes comes last
    probe('POST /api/v2/media', undefined, { body: {}, expect: [422, 400] }),
    probe('POST /api/v1/media', undefined, { body: {}, expect: [422, 400] }),
    probe('DELETE /api/v1/media/:id', `/api/v1/media/${f.mediaId}`),
    probe('DELETE /api/v1/scheduled_statuses/:id', `/api/v1/scheduled_statuses/${f.scheduledId}`),
    probe('DELETE /api/v2/filters/statuses/:id', `/api/v2/filters/statuses/${f.filterStatusId}`),
    probe('DELETE /api/v2/filters/keywords/:id', `/api/v2/filters/keywords/${f.keywordId}`),
    probe('DELETE /api/v2/filters/:id', `/api/v2/filters/${f.filterId}`),
    probe('POST /api/v2/filters', undefined, { body: { title: 'Again', context: ['public'] } }),
    probe('DELETE /api/v1/filters/:id', `/api/v1/filters/${f.filterV1Id}`),
    probe('POST /api/v1/filters', undefined, { body: { phrase: 'again', context: ['public'] } }),
    probe('DELETE /api/v1/featured_tags/:id', `/api/v1/featured_tags/${f.featuredTagId}`),
    probe('POST /api/v1/featured_tags', undefined, { body: { name: 'again' } }),
    probe('DELETE /api/v1/lists/:id', `/api/v1/lists/${f.listId}`),
    probe('DELETE /api/v1/conversations/:id', `/api/v1/conversations/${f.conversationId}`),
    probe('DELETE /api/v1/push/subscription'),
    probe('POST /api/v2/notifications/:group_key/dismiss', `/api/v2/notifications/${f.groupKey}/dismiss`),
    probe('POST /api/v1/notifications/:id/dismiss', `/api/v1/notifications/${f.mentionNotificationId}/dismiss`),
    probe('POST /api/v1/notifications/clear'),
    probe('DELETE /api/v1/statuses/:id', `/api/v1/statuses/${f.throwawayId}`),
    probe('DELETE /api/v1/profile/avatar'),
    probe('DELETE /api/v1/profile/header'),
  ];
}
