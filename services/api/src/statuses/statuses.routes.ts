import { type Response, Router } from 'express';
import { ForbiddenError, NotFoundError, NotYetReadableError } from '@strata/kernel';
import { type NewStatus, deleteStatus, detachMedia, editStatus, postStatus } from '@strata/commands';
import { body, parseParams, query } from '@strata/http';
import { accountsCollection, statusEditsCollection, statusesCollection } from '@strata/views';
import { callerOf, requireScope, userOf } from '../auth/authentication.ts';
import { requireActiveUser } from '../auth/user-gate.ts';
import { commandDeps, metadataOf, awaitProjection } from '../http/command-context.ts';
import type { ApiDeps } from '../http/deps.ts';
import { presentOneAccount } from '@strata/presenters';
import { presentStatus, presentStatuses } from '@strata/presenters';
import { composeText, type ResolveHandle } from './compose.ts';
import { resolveRemote } from '../search/resolve-remote.ts';
import { deleteParams, editStatusParams, idsParams, postStatusParams } from './status-params.ts';
import { visibleStatus } from './status-lookup.ts';
import { mediaById, presentAttachments } from '@strata/presenters';
import { applyMediaAttributes, checkStatusMedia } from './status-media.ts';
import { composePoll } from '../polls/status-poll.ts';
import { checkScheduledAt } from '../scheduled/schedule-limits.ts';
import { schedulePost } from '../scheduled/schedule-post.ts';
import { checkQuote } from '../quotes/quote-check.ts';

/** Posting, reading, editing and deleting statuses. */
export function statusRoutes(deps: ApiDeps): Router {
  const router = Router();
  const activeUser = requireActiveUser(deps.vault, deps.config.instance.requireEmailConfirmation);
  const viewerOf = (res: Response) => callerOf(res)?.accountId ?? null;

  router.post('/api/v1/statuses', requireScope('write:statuses'), activeUser, async (req, res) => {
    const accountId = userOf(res);
    const params = body(req, postStatusParams);
    // a time already past posts at once, as in Mastodon
    const scheduledAt = params.scheduled_at ? await checkScheduledAt(deps, accountId, params.scheduled_at) : null;
    const mediaIds = await checkStatusMedia(deps, accountId, params.media_ids ?? [], null);
    const store = await deps.readModels();
    const author = await accountsCollection(store).get(accountId);
    if (!author) throw new NotFoundError();
    const replyTo = params.in_reply_to_id ? await visibleStatus(deps, res, params.in_reply_to_id) : null;
    const composed = await composeText(store, deps.config.domain, params.status, params.spoiler_text, deps.config.instance.maxStatusChars, mediaIds.length > 0, mentionResolver(deps, accountId));
    const { poll, pollOptions } = await composePoll(deps, params.poll, mediaIds.length > 0);
    const visibility = params.visibility ?? author.defaultPrivacy;
    const quoting = params.quoted_status_id ? await checkQuote(deps, res, accountId, params.quoted_status_id, visibility) : null;
    const status: NewStatus = {
      accountId,
      visibility: quoting?.visibility ?? visibility,
      inReplyToId: replyTo?.id ?? null,
      inReplyToAccountId: replyTo?.accountId ?? null,
      sensitive: params.sensitive ?? (author.defaultSensitive || params.spoiler_text.length > 0),
      language: params.language || author.defaultLanguage || null,
      mentionedAccountIds: composed.mentionedAccountIds,
      content: { text: composed.text, spoilerText: composed.spoilerText, tags: composed.tags, ...(pollOptions && { pollOptions }) },
      applicationId: callerOf(res)!.appId,
      mediaIds,
      poll,
      quote: quoting?.quote ?? null,
      quotePolicy: params.quote_approval_policy ?? 'public',
    };
    if (scheduledAt) return void res.json(await schedulePost(deps, res, scheduledAt, status, params.poll));
    const { statusId, result } = await postStatus(await commandDeps(deps), status, metadataOf(res), req.header('idempotency-key') || undefined);
    await awaitProjection(deps, result);
    const doc = await statusesCollection(store).get(statusId);
    if (!doc) {
      // the projector lags (restarting, or far behind): the post is saved, and the same
      // Idempotency-Key answers it once it can be read, without posting it twice
      res.set('retry-after', '2');
      throw new NotYetReadableError('The post is saved but not readable yet; send the request again with the same Idempotency-Key');
    }
    res.json(await presentStatus(deps, accountId, doc));
  });

  router.get('/api/v1/statuses', requireScope('read:statuses'), async (req, res) => {
    const { id } = query(req, idsParams);
    // the presenter leaves out what the viewer may not see
    const docs = await statusesCollection(await deps.readModels()).getMany(id);
    res.json(await presentStatuses(deps, viewerOf(res), docs));
  });

  router.get('/api/v1/statuses/:id', async (req, res) => {
    const status = await visibleStatus(deps, res, req.params.id);
    res.json(await presentStatus(deps, viewerOf(res), status));
  });

  router.delete('/api/v1/statuses/:id', requireScope('write:statuses'), async (req, res) => {
    const status = await visibleStatus(deps, res, req.params.id);
    const accountId = userOf(res);
    if (status.accountId !== accountId || status.reblogOfId) throw new ForbiddenError();
    const entity = await presentStatus(deps, accountId, status);
    // as Mastodon: the media stay for a redraft unless delete_media asks them gone at once
    const keepMedia = !parseParams(deleteParams, { ...(req.body ?? {}), ...req.query }).delete_media;
    const commands = await commandDeps(deps);
    const result = await deleteStatus(commands, { statusId: status.id, accountId, keepMedia }, metadataOf(res));
    const detached = keepMedia ? await detachMedia(commands, { statusId: status.id, mediaIds: status.mediaIds ?? [] }, metadataOf(res)) : [];
    // a redraft that follows at once finds its attachments free
    await awaitProjection(deps, result, ...detached.map((item) => item.result));
    res.json({ ...entity, text: status.text, spoiler_text: status.spoilerText });
  });

  router.put('/api/v1/statuses/:id', requireScope('write:statuses'), activeUser, async (req, res) => {
    const status = await visibleStatus(deps, res, req.params.id);
    const accountId = userOf(res);
    if (status.accountId !== accountId || status.reblogOfId) throw new ForbiddenError();
    const params = body(req, editStatusParams);
    const spoilerText = params.spoiler_text ?? status.spoilerText;
    // without media_ids the attachments stay as they are, as in Mastodon
    const mediaIds = params.media_ids ? await checkStatusMedia(deps, accountId, params.media_ids, status.id) : (status.mediaIds ?? []);
    const composed = await composeText(await deps.readModels(), deps.config.domain, params.status, spoilerText, deps.config.instance.maxStatusChars, mediaIds.length > 0, mentionResolver(deps, accountId));
    const { poll, pollOptions } = await composePoll(deps, params.poll, mediaIds.length > 0, status.id);
    if (params.media_attributes) await applyMediaAttributes(deps, res, accountId, mediaIds, params.media_attributes);
    const result = await editStatus(
      await commandDeps(deps),
      {
        statusId: status.id,
        accountId,
        sensitive: params.sensitive ?? status.sensitive,
        language: params.language === undefined ? status.language : params.language || null,
        mentionedAccountIds: composed.mentionedAccountIds,
        content: { text: composed.text, spoilerText: composed.spoilerText, tags: composed.tags, ...(pollOptions && { pollOptions }) },
        mediaIds,
        poll,
      },
      metadataOf(res),
    );
    await awaitProjection(deps, result);
    res.json(await presentStatus(deps, accountId, (await statusesCollection(await deps.readModels()).get(status.id))!));
  });

  router.get('/api/v1/statuses/:id/source', requireScope('read:statuses'), async (req, res) => {
    const status = await visibleStatus(deps, res, req.params.id);
    if (status.accountId !== userOf(res) || status.reblogOfId) throw new NotFoundError();
    res.json({ id: status.id, text: status.text, spoiler_text: status.spoilerText });
  });

  router.get('/api/v1/statuses/:id/history', async (req, res) => {
    const status = await visibleStatus(deps, res, req.params.id);
    const store = await deps.readModels();
    const edits = await statusEditsCollection(store).find({ where: { statusId: status.id }, sort: { field: 'createdAt', direction: 'asc' } });
    const account = await presentOneAccount(deps, (await accountsCollection(store).get(status.accountId))!);
    const media = await mediaById(store, edits.flatMap((edit) => edit.mediaIds ?? []));
    res.json(
      edits.map((edit) => ({
        content: edit.contentHtml,
        spoiler_text: edit.spoilerText,
        sensitive: edit.sensitive,
        created_at: edit.createdAt,
        account,
        poll: null,
        media_attachments: presentAttachments(deps.config, deps.media, edit.mediaIds, media),
        emojis: [],
      })),
    );
  });
  return router;
}

/** Remote mentions are resolved as the author's search would resolve them. */
function mentionResolver(deps: ApiDeps, accountId: string): ResolveHandle {
  return async (handle) => (await resolveRemote(deps, accountId, handle, 'account'))?.id ?? null;
}
