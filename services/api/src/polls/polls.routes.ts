import { type Response, Router } from 'express';
import { NotFoundError } from '@strata/kernel';
import { votePoll } from '@strata/commands';
import { body } from '@strata/http';
import { type PollDoc, pollExpired, pollVoteId, pollVotesCollection, pollsCollection } from '@strata/views';
import { presentPoll } from '@strata/presenters';
import { callerOf, requireScope, userOf } from '../auth/authentication.ts';
import { requireActiveUser } from '../auth/user-gate.ts';
import { awaitProjection, commandDeps, metadataOf } from '../http/command-context.ts';
import type { ApiDeps } from '../http/deps.ts';
import { visibleStatus } from '../statuses/status-lookup.ts';
import { voteParams } from './poll-params.ts';

/** Polls: read one and vote, each only where the viewer may see the status that holds it (else 404). */
export function pollRoutes(deps: ApiDeps): Router {
  const router = Router();
  const activeUser = requireActiveUser(deps.vault, deps.config.instance.requireEmailConfirmation);

  const visiblePoll = async (res: Response, id: unknown): Promise<PollDoc> => {
    const poll = typeof id === 'string' && /^\d{1,20}$/.test(id) ? await pollsCollection(await deps.readModels()).get(id) : null;
    if (!poll) throw new NotFoundError();
    await visibleStatus(deps, res, poll.statusId);
    return poll;
  };
  const present = async (poll: PollDoc, viewer: string | null) => {
    const vote = viewer ? await pollVotesCollection(await deps.readModels()).get(pollVoteId(poll.id, viewer)) : null;
    return presentPoll(poll, viewer, vote?.choices ?? null, deps.clock.now());
  };

  router.get('/api/v1/polls/:id', async (req, res) => {
    const poll = await visiblePoll(res, req.params.id);
    res.json(await present(poll, callerOf(res)?.accountId ?? null));
  });

  router.post('/api/v1/polls/:id/votes', requireScope('write:statuses'), activeUser, async (req, res) => {
    const accountId = userOf(res);
    const poll = await visiblePoll(res, req.params.id);
    const { choices } = body(req, voteParams);
    const facts = {
      pollId: poll.id,
      statusId: poll.statusId,
      authorId: poll.accountId,
      optionCount: poll.options.length,
      multiple: poll.multiple,
      expiresAt: poll.expiresAt,
      expired: pollExpired(poll, deps.clock.now()),
    };
    const result = await votePoll(await commandDeps(deps), { poll: facts, accountId, choices }, metadataOf(res));
    await awaitProjection(deps, result);
    const after = await pollsCollection(await deps.readModels()).get(poll.id);
    if (!after) throw new NotFoundError();
    res.json(await present(after, accountId));
  });
  return router;
}
