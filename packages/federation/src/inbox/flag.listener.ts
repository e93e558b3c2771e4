import type { InboxContext } from '@fedify/fedify';
import type { Flag } from '@fedify/vocab';
import { commandDeps, commandMetadata, fileReport } from '@strata/commands';
import { htmlToPlainText } from '@strata/text';
import { servedAccount } from '../actors/actors.dispatch.ts';
import type { FederationDeps } from '../deps.ts';
import { statusByUri } from './remote-note.ts';
import { senderOf } from './status.listener.ts';

/** As many objects as a Flag may name: an account and the statuses pointed at (Mastodon allows 100). */
const MAX_OBJECTS = 101;

/**
 * Flag from a peer: a report to the moderators about a local account (and its statuses
 * named beside it), filed by the remote sender like a user's report, as Mastodon does.
 * Objects that are not ours, or statuses of another account, are ignored.
 */
export async function onFlag(ctx: InboxContext<FederationDeps>, flag: Flag) {
  const objects = flag.objectIds.slice(0, MAX_OBJECTS);
  const targets = new Map<string, string[]>();
  const statuses: { id: string; accountId: string }[] = [];
  for (const uri of objects) {
    const parsed = ctx.parseUri(uri);
    if (parsed?.type === 'actor') {
      const account = await servedAccount(ctx.data, parsed.identifier);
      if (account) targets.set(account.id, []);
      continue;
    }
    const status = await statusByUri(ctx, uri);
    if (status?.local) statuses.push(status);
  }
  // a Flag naming only statuses reports their authors
  for (const status of statuses) targets.set(status.accountId, [...(targets.get(status.accountId) ?? []), status.id]);
  if (targets.size === 0) return;
  const reporter = await senderOf(ctx, flag);
  if (!reporter || reporter.suspended) return;
  const comment = htmlToPlainText(flag.content?.toString() ?? '').slice(0, 1000);
  const deps = await commandDeps(ctx.data);
  for (const [targetAccountId, statusIds] of targets) {
    const input = { accountId: reporter.id, targetAccountId, statusIds, comment, category: 'other' as const, ruleIds: [], forward: false };
    await fileReport(deps, input, commandMetadata(reporter.id));
  }
}
