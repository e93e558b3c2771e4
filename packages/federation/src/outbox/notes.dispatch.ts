import type { Federation } from '@fedify/fedify';
import { Note, type Question } from '@fedify/vocab';
import { mayViewStatus, statusesCollection } from '@strata/views';
import { servedAccount } from '../actors/actors.dispatch.ts';
import type { FederationDeps } from '../deps.ts';
import { noteOf } from './note.ts';
import { signedFetchOnly } from '../actors/secure-mode.ts';

/**
 * Statuses dereference at `/users/:username/statuses/:id`, as Notes (Questions when they
 * have a poll). A fetch is answered as for an anonymous viewer, by the one visibility policy: public and unlisted ones are served;
 * followers-only and direct statuses reach their audience by delivery.
 */
export function dispatchNotes(federation: Federation<FederationDeps>, deps: FederationDeps) {
  federation
    // the route stays Note's (parseUri tells our statuses by it); a poll's status is served as a Question
    .setObjectDispatcher<Note | Question, 'identifier' | 'id'>(Note, '/users/{identifier}/statuses/{id}', async (ctx, values) => {
    const account = await servedAccount(deps, values.identifier);
    if (!account || !/^\d{1,20}$/.test(values.id)) return null;
    const store = await deps.readModels();
    const status = await statusesCollection(store).get(values.id);
    if (!status || status.accountId !== account.id || status.reblogOfId) return null;
    if (!(await mayViewStatus(store, null, status))) return null;
    return noteOf(ctx, store, account, status);
    })
    .authorize(signedFetchOnly(deps));
}
