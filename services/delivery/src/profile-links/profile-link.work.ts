import { z } from 'zod';
import { type CommandSources, commandDeps, profileToVerify, recordVerifiedFields } from '@strata/commands';
import { strataEvents } from '@strata/contracts';
import { type OutboundPolicy, documentPolicyOf, safeFetch } from '@strata/federation';
import type { Logger } from '@strata/logging';
import type { DeliveryDeps } from '../index.ts';
import { isAccountUrl, linkBackOf, verifiableUrlOf } from './rel-me.ts';

export const PROFILE_LINKS_QUEUE = 'profile-links';
const ProfileLinksJob = z.object({ accountId: z.string() });

type ProfileLinkDeps = CommandSources & { logger: Logger; publicUrl: string; policy: OutboundPolicy };

/**
 * Profile link verification (Mastodon's rel=me): each time a local profile is written, a
 * job fetches every field whose value is a URL, through the outbound policy (no private
 * addresses, time and size limits), and records the fields whose page links back to the
 * account with `rel="me"`. A changed value starts unverified; the projection keeps the
 * mark of a value that stayed.
 */
export function profileLinkWork(deps: ProfileLinkDeps): Pick<DeliveryDeps, 'reactions' | 'processors'> {
  return {
    reactions: {
      AccountProfileUpdated: [
        async (event, jobs) => {
          const decoded = strataEvents.decode(event);
          if (decoded?.type === 'AccountProfileUpdated') await jobs.enqueue(PROFILE_LINKS_QUEUE, { accountId: decoded.data.accountId }, { maxAttempts: 3 });
        },
      ],
    },
    processors: {
      async [PROFILE_LINKS_QUEUE](payload) {
        const { accountId } = ProfileLinksJob.parse(payload);
        const command = await commandDeps(deps);
        const profile = await profileToVerify(command, accountId);
        if (!profile) return;
        const accountUrls = [`${deps.publicUrl}/@${profile.username}`, `${deps.publicUrl}/users/${profile.username}`];
        const checks = await Promise.all(
          profile.fields.map(async (field) => {
            const url = verifiableUrlOf(field.value, deps.policy.allowPrivate);
            return url && (await pageLinksBack(url, accountUrls, deps)) ? field : null;
          }),
        );
        const fields = checks.filter((field) => field !== null);
        if (fields.length === 0) return;
        await recordVerifiedFields(command, accountId, { fields, profileUpdatedAt: profile.profileUpdatedAt }, { actor: 'system:profile-links', correlationId: accountId });
      },
    },
  };
}

/**
 * Whether the page answers 200 with HTML that links back, directly or through its first
 * rel=me link redirecting to the account; a refused, failing, slow or oversized page does not.
 */
async function pageLinksBack(url: URL, accountUrls: string[], deps: ProfileLinkDeps): Promise<boolean> {
  try {
    const response = await safeFetch(url, deps.policy, { headers: { accept: 'text/html' } });
    if (response.status !== 200 || !/html/i.test(response.headers.get('content-type') ?? '')) {
      await response.body?.cancel();
      return false;
    }
    const found = linkBackOf(await response.text(), accountUrls);
    if (found.linksBack) return true;
    return found.maybeRedirect ? await redirectsBack(new URL(found.maybeRedirect, response.url || url), accountUrls, deps.policy) : false;
  } catch (error) {
    deps.logger.info({ err: error, url: url.href }, 'profile link not verified');
    return false;
  }
}

/** One HEAD, not followed: does the link redirect straight to the account? */
async function redirectsBack(link: URL, accountUrls: string[], policy: OutboundPolicy): Promise<boolean> {
  if (!/^https?:$/.test(link.protocol)) return false;
  const response = await safeFetch(link, policy, { method: 'HEAD', followRedirects: false });
  await response.body?.cancel();
  const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null;
  return location !== null && isAccountUrl(new URL(location, link).href, accountUrls);
}

/** The profile-link work from the federation's dependencies (pages within the document limits). */
export function profileLinks(deps: CommandSources & { logger: Logger; config: { publicUrl: string; federation: Parameters<typeof documentPolicyOf>[0] } }) {
  return profileLinkWork({ ...deps, publicUrl: deps.config.publicUrl, policy: documentPolicyOf(deps.config.federation) });
}
