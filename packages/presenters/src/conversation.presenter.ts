import { type ConversationDoc, accountsCollection, canSeeAccount, loadViewer, statusesCollection, withAuthorsOf } from '@strata/views';
import type { PresenterDeps } from './deps.ts';
import { accountEmojis, presentAccount } from './account.presenter.ts';
import { presentStatuses } from './status.presenter.ts';

/** How far back a conversation is searched for a status the viewer may still see. */
const LOOK_BACK = 20;

/**
 * Mastodon's Conversation entities for their participant. The last status is the newest
 * one the visibility policy lets them see (a conversation with none is left out), and
 * only participants they may see are listed.
 */
export async function presentConversations(deps: PresenterDeps, viewerId: string, docs: ConversationDoc[]) {
  const store = await deps.readModels();
  const statusDocs = await statusesCollection(store).getMany([...new Set(docs.flatMap((d) => d.statusIds.slice(0, LOOK_BACK)))]);
  const relations = await withAuthorsOf(store, await loadViewer(store, viewerId, new Date()), statusDocs);
  const shown = new Map((await presentStatuses(deps, relations, statusDocs)).map((s) => [s['id'] as string, s]));
  const accounts = new Map((await accountsCollection(store).getMany([...new Set(docs.flatMap((d) => d.participantIds))])).map((a) => [a.id, a]));
  const emojis = await accountEmojis(store, [...accounts.values()]);
  return docs.flatMap((doc) => {
    const last = doc.statusIds.slice(0, LOOK_BACK).map((id) => shown.get(id)).find((s) => s !== undefined);
    if (!last) return [];
    const participants = doc.participantIds.flatMap((id) => {
      const account = accounts.get(id);
      return account && canSeeAccount(relations, id) ? [presentAccount(deps.config, deps.media, account, null, emojis)] : [];
    });
    return [{ id: doc.conversationId, unread: doc.unread, accounts: participants, last_status: last }];
  });
}
