import { z } from 'zod';
import { type CommandSources, commandDeps, recordPreviewCard } from '@strata/commands';
import { strataEvents } from '@strata/contracts';
import { type OutboundPolicy, documentPolicyOf, safeFetch } from '@strata/federation';
import { NotProjectedYet, PermanentJobError } from '@strata/job-queue';
import type { Logger } from '@strata/logging';
import { statusesCollection } from '@strata/views';
import type { DeliveryDeps } from '../index.ts';
import { type OEmbed, cardOf, firstLinkOf, pageMetadataOf } from './page-metadata.ts';

export const PREVIEW_CARD_QUEUE = 'preview-cards';
const PreviewCardJob = z.object({ statusId: z.string() });

/**
 * Link previews: each posted status is looked at by a job; if it links somewhere, the
 * page is fetched through the outbound policy (no private addresses, time and size
 * limits), its OpenGraph / Twitter tags and oEmbed read, and the card recorded by a command.
 */
type PreviewCardDeps = CommandSources & { logger: Logger };

export function previewCardWork(deps: PreviewCardDeps & { policy: OutboundPolicy }): Pick<DeliveryDeps, 'reactions' | 'processors'> {
  return {
    reactions: {
      StatusPosted: [
        async (event, jobs) => {
          const decoded = strataEvents.decode(event);
          if (decoded?.type === 'StatusPosted') await jobs.enqueue(PREVIEW_CARD_QUEUE, { statusId: decoded.data.statusId }, { maxAttempts: 4 });
        },
      ],
    },
    processors: {
      async [PREVIEW_CARD_QUEUE](payload) {
        const { statusId } = PreviewCardJob.parse(payload);
        const status = await statusesCollection(await deps.readModels()).get(statusId);
        if (!status) throw new NotProjectedYet(`status ${statusId} not projected yet`);
        const link = status.reblogOfId ? null : firstLinkOf(status.contentHtml);
        if (!link) return;
        const card = await fetchCard(link, deps.policy).catch((error: unknown) => {
          deps.logger.info({ err: error, link }, 'no preview card for a link');
          throw new PermanentJobError(String(error));
        });
        if (card) await recordPreviewCard(await commandDeps(deps), { statusId, accountId: status.accountId, card }, { actor: 'system:preview-cards', correlationId: statusId });
      },
    },
  };
}

async function fetchCard(link: string, policy: OutboundPolicy) {
  const response = await safeFetch(link, policy, { headers: { accept: 'text/html,application/xhtml+xml' } });
  const type = response.headers.get('content-type') ?? '';
  if (!response.ok || !/html/i.test(type)) {
    await response.body?.cancel();
    return null;
  }
  const page = pageMetadataOf(await response.text());
  const oembed = page.oembed ? await fetchOEmbed(new URL(page.oembed, response.url || link).href, policy) : null;
  return cardOf(response.url || link, page, oembed);
}

async function fetchOEmbed(url: string, policy: OutboundPolicy): Promise<OEmbed | null> {
  try {
    const response = await safeFetch(url, policy, { headers: { accept: 'application/json' } });
    if (!response.ok) return null;
    const body = (await response.json()) as unknown;
    return body && typeof body === 'object' ? (body as OEmbed) : null;
  } catch {
    return null;
  }
}

/** The preview-card work from the federation's dependencies (pages within the document limits). */
export function previewCards(deps: PreviewCardDeps & { config: { federation: Parameters<typeof documentPolicyOf>[0] } }) {
  return previewCardWork({ ...deps, policy: documentPolicyOf(deps.config.federation) });
}
