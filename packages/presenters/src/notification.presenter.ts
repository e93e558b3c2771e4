import { type NotificationDoc, accountsCollection, statusesCollection } from '@strata/views';
import type { PresenterDeps } from './deps.ts';
import { presentAccount } from './account.presenter.ts';
import { presentStatuses } from './status.presenter.ts';

/** Mastodon's Notification entities for their recipient; ones whose status or account is gone are dropped. */
export async function presentNotifications(deps: PresenterDeps, viewer: string, docs: NotificationDoc[]) {
  const store = await deps.readModels();
  const accounts = new Map((await accountsCollection(store).getMany([...new Set(docs.map((d) => d.fromAccountId))])).map((a) => [a.id, a]));
  const statusIds = [...new Set(docs.flatMap((d) => (d.statusId ? [d.statusId] : [])))];
  const statusDocs = await statusesCollection(store).getMany(statusIds);
  const statuses = new Map((await presentStatuses(deps, viewer, statusDocs)).map((s) => [s['id'] as string, s]));
  return docs.flatMap((doc) => {
    const account = accounts.get(doc.fromAccountId);
    const status = doc.statusId ? statuses.get(doc.statusId) : undefined;
    if (!account || (doc.statusId && !status)) return [];
    return [
      {
        id: doc.id,
        type: doc.type,
        group_key: doc.groupKey,
        created_at: doc.createdAt,
        account: presentAccount(deps.config, deps.media, account),
        ...(status && { status }),
      },
    ];
  });
}
