import { PUBLIC_COLLECTION } from '@fedify/vocab';
import type { Visibility } from '@strata/contracts';

/**
 * Visibility of an inbound note from its addressing, as Mastodon reads it: to Public is
 * public, cc Public unlisted, to the author's followers collection private, anything else
 * (only the mentioned) direct. The compact `as:Public` is the same collection.
 */
export function visibilityFromAddressing(to: readonly URL[], cc: readonly URL[], followers: string | null): Visibility {
  const isPublic = (url: URL) => url.href === PUBLIC_COLLECTION.href || url.href === 'as:Public';
  if (to.some(isPublic)) return 'public';
  if (cc.some(isPublic)) return 'unlisted';
  if (followers && to.some((url) => url.href === followers)) return 'private';
  return 'direct';
}
