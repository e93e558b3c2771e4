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
    url: `${publicUrl}/@${account.username}`,
  }));
  const byUsername = new Map(mentions.map((m) => [m.username.toLowerCase(), m]));
  // a remote status keeps the (sanitized) HTML its server wrote
  const contentHtml = content.html ?? statusToHtml(content.text, {
    tagUrl: (tag) => `${publicUrl}/tags/${encodeURIComponent(tag)}`,
    mention: (ref) => byUsername.get(ref.username.toLowerCase()),
  });
  return { contentHtml, mentions };
}
