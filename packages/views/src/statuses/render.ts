import type { StatusContent } from '@strata/contracts';
import type { ReadModelStore } from '@strata/read-models';
import { statusToHtml } from '@strata/text';
import { accountsCollection } from '../accounts/accounts.view.ts';
import type { MentionDoc } from './statuses.collection.ts';

/** Renders sealed-then-opened content to HTML, with mentions linked only to the accounts the event names. */
export async function renderContent(store: ReadModelStore, publicUrl: string, content: StatusContent, mentionedAccountIds: string[]) {
  const accounts = await accountsCollection(store).getMany(mentionedAccountIds);
  const mentions: MentionDoc[] = accounts.map((account) => ({
    id: account.id,
    username: account.username,
    acct: account.domain ? `${account.username}@${account.domain}` : account.username,
    // a remote account's link is its own profile page, as its server gave it
    url: account.remote ? (account.remote.url ?? account.remote.uri) : `${publicUrl}/@${account.username}`,
  }));
  const byAcct = new Map(mentions.map((m) => [m.acct.toLowerCase(), m]));
  const localDomain = new URL(publicUrl).host.toLowerCase();
  // a remote status keeps the (sanitized) HTML its server wrote
  const contentHtml = content.html ?? statusToHtml(content.text, {
    tagUrl: (tag) => `${publicUrl}/tags/${encodeURIComponent(tag)}`,
    mention: (ref) => byAcct.get(ref.domain && ref.domain.toLowerCase() !== localDomain ? `${ref.username}@${ref.domain}`.toLowerCase() : ref.username.toLowerCase()),
  });
  return { contentHtml, mentions };
}
