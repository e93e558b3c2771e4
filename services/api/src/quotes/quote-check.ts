import type { Response } from 'express';
import type { Visibility } from '@strata/contracts';
import { ValidationError } from '@strata/kernel';
import { mayQuote } from '@strata/presenters';
import { type StatusDoc, effectiveQuotePolicies, loadViewer, statusesCollection, withAuthorsOf } from '@strata/views';
import type { ApiDeps } from '../http/deps.ts';
import { visibleStatus } from '../statuses/status-lookup.ts';

const refuse = (reason: string) => new ValidationError(`Validation failed: Quoted status ${reason}`);

/**
 * The status a new post quotes: one the poster may see (else 404), never a direct one,
 * a private one only by its own author, and only as its quote policy allows (422).
 * Quoting one's own private post keeps the quote private, as Mastodon does.
 */
export async function checkQuote(deps: ApiDeps, res: Response, accountId: string, quotedId: string, visibility: Visibility) {
  let quoted: StatusDoc = await visibleStatus(deps, res, quotedId);
  const store = await deps.readModels();
  if (quoted.reblogOfId) quoted = (await statusesCollection(store).get(quoted.reblogOfId)) ?? quoted;
  if (quoted.visibility === 'direct') throw refuse('cannot be quoted: it is a private mention');
  if (quoted.visibility === 'private' && quoted.accountId !== accountId) throw refuse('cannot be quoted: it is for followers only');
  const policy = (await effectiveQuotePolicies(store, [quoted])).get(quoted.id) ?? 'nobody';
  const following = (await withAuthorsOf(store, await loadViewer(store, accountId, deps.clock.now()), [quoted])).following.has(quoted.accountId);
  if (!mayQuote(policy, quoted, accountId, following)) throw refuse('cannot be quoted: its author does not allow it');
  const narrowed: Visibility = quoted.visibility === 'private' && (visibility === 'public' || visibility === 'unlisted') ? 'private' : visibility;
  return { quote: { statusId: quoted.id, accountId: quoted.accountId }, visibility: narrowed };
}
