import { htmlToText } from '@strata/text';

/** What presentNotifications gives for one notification, as far as a push needs it. */
interface NotificationEntity {
  id: string;
  type: string;
  account: { acct: string; display_name: string; avatar_static: string };
  status?: { content: string; spoiler_text: string };
}

const TITLES: Record<string, (name: string) => string> = {
  mention: (name) => `You were mentioned by ${name}`,
  status: (name) => `${name} just posted`,
  reblog: (name) => `${name} boosted your post`,
  follow: (name) => `${name} followed you`,
  follow_request: (name) => `${name} has requested to follow you`,
  favourite: (name) => `${name} favorited your post`,
  poll: (name) => `A poll by ${name} has ended`,
  update: (name) => `${name} edited a post`,
  quote: (name) => `${name} quoted your post`,
  quoted_update: (name) => `${name} edited a post you quoted`,
  'admin.report': (name) => `${name} filed a new report`,
  'admin.sign_up': (name) => `${name} signed up`,
};

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Mastodon's Web Push payload (Web::NotificationSerializer). The notification id is a
 * string: Strata's ids pass 2^53, and a JSON number would arrive rounded.
 */
export function pushPayload(entity: NotificationEntity, accessToken: string, locale: string) {
  const name = entity.account.display_name.trim() || entity.account.acct;
  const status = entity.status;
  // a content warning stands in for the text it warns about, as Mastodon does
  const text = status ? status.spoiler_text || htmlToText(status.content) : `@${entity.account.acct}`;
  return {
    access_token: accessToken,
    preferred_locale: locale,
    notification_id: entity.id,
    notification_type: entity.type,
    icon: entity.account.avatar_static,
    title: (TITLES[entity.type] ?? ((who: string) => `New notification from ${who}`))(name),
    body: truncate(text, 140),
  };
}
