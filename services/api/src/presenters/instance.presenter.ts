import { type StrataConfig } from '@strata/config';
import { STRATA_VERSION, SOURCE_URL, instanceVersionString } from '@strata/kernel';
import type { InstanceRuleDoc, InstanceStats } from '@strata/views';

/** Limits we enforce (from configuration), announced to clients so they can check before sending. */
export function mediaLimits(config: StrataConfig) {
  const limits = config.media.limits;
  return {
    supported_mime_types: [
      'image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif', 'image/heic',
      'video/mp4', 'video/quicktime', 'video/webm',
      'audio/mpeg', 'audio/mp3', 'audio/ogg', 'audio/wave', 'audio/wav', 'audio/flac', 'audio/mp4', 'audio/x-m4a',
    ],
    description_limit: limits.descriptionLimit,
    image_size_limit: limits.imageSizeLimit,
    image_matrix_limit: limits.imageMatrixLimit,
    video_size_limit: limits.videoSizeLimit,
    video_frame_rate_limit: limits.videoFrameRateLimit,
    video_matrix_limit: limits.videoMatrixLimit,
  };
}
export function pollLimits(config: StrataConfig) {
  const polls = config.instance.polls;
  return { max_options: polls.maxOptions, max_characters_per_option: polls.maxCharactersPerOption, min_expiration: polls.minExpiration, max_expiration: polls.maxExpiration };
}

const streamingUrl = (config: StrataConfig) => config.publicUrl.replace(/^http/, 'ws');
const thumbnailUrl = (config: StrataConfig) => `${config.publicUrl}/media/instance/thumbnail.png`;

function statusLimits(config: StrataConfig) {
  return { max_characters: config.instance.maxStatusChars, max_media_attachments: 4, characters_reserved_per_url: 23 };
}

/** GET /api/v2/instance */
export function presentInstanceV2(config: StrataConfig, stats: InstanceStats, rules: InstanceRuleDoc[]) {
  const { instance } = config;
  return {
    domain: config.domain,
    title: instance.title,
    version: instanceVersionString,
    source_url: SOURCE_URL,
    description: instance.description,
    usage: { users: { active_month: stats.activeMonth } },
    thumbnail: { url: thumbnailUrl(config), blurhash: null, versions: {} },
    icon: [],
    languages: ['en'],
    configuration: {
      urls: { streaming: streamingUrl(config), status: null, about: `${config.publicUrl}/about`, privacy_policy: null, terms_of_service: null },
      vapid: { public_key: '' },
      accounts: { max_featured_tags: 10, max_pinned_statuses: 5 },
      statuses: statusLimits(config),
      media_attachments: mediaLimits(config),
      polls: pollLimits(config),
      translation: { enabled: false },
    },
    registrations: {
      enabled: instance.registrations !== 'closed',
      approval_required: instance.registrations === 'approval',
      message: null,
      url: null,
    },
    api_versions: { mastodon: 2 },
    contact: { email: instance.contactEmail, account: null },
    rules: rules.map(presentRule),
  };
}

/** GET /api/v1/instance (deprecated by Mastodon, still read by many clients) */
export function presentInstanceV1(config: StrataConfig, stats: InstanceStats, rules: InstanceRuleDoc[]) {
  const { instance } = config;
  return {
    uri: config.domain,
    title: instance.title,
    short_description: instance.description,
    description: instance.description,
    email: instance.contactEmail,
    version: instanceVersionString,
    urls: { streaming_api: streamingUrl(config) },
    stats: { user_count: stats.userCount, status_count: stats.statusCount, domain_count: stats.domainCount },
    thumbnail: thumbnailUrl(config),
    languages: ['en'],
    registrations: instance.registrations !== 'closed',
    approval_required: instance.registrations === 'approval',
    invites_enabled: false,
    configuration: {
      accounts: { max_featured_tags: 10 },
      statuses: statusLimits(config),
      media_attachments: mediaLimits(config),
      polls: pollLimits(config),
    },
    contact_account: null,
    rules: rules.map(presentRule),
  };
}

/** Mastodon's Rule entity. */
export function presentRule(rule: InstanceRuleDoc) {
  return { id: rule.id, text: rule.text, hint: rule.hint };
}

export { STRATA_VERSION };
