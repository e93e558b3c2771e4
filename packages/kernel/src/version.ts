/** Strata's own version, and the Mastodon API version it answers as (clients gate features on it). */
export const STRATA_VERSION = '0.1.0';
export const MASTODON_COMPATIBLE_VERSION = '4.3.0';
export const SOURCE_URL = 'https://github.com/strata-social/strata';
export const instanceVersionString = `${MASTODON_COMPATIBLE_VERSION} (compatible; Strata ${STRATA_VERSION})`;
