import type { Context } from '@fedify/fedify';
import { Note } from '@fedify/vocab';
import { commandDeps, commandMetadata, votePoll } from '@strata/commands';
import { ValidationError } from '@strata/kernel';
import { pollExpired, pollsCollection } from '@strata/views';
import type { FederationDeps } from '../deps.ts';
import type { NoteLike } from './remote-content.ts';
import { statusByUri } from './remote-note.ts';
import type { Sender } from './status.listener.ts';

/**
 * A remote vote on a local poll, as Mastodon sends it: a Note named as the chosen option,
 * in reply to the Question. It is counted as a vote, never shown as a reply; true when the
 * note was one (a vote the poll refuses, too late or a second one, is dropped).
 */
export async function recordedRemoteVote(ctx: Context<FederationDeps>, voter: Sender, object: NoteLike): Promise<boolean> {
  if (!(object instanceof Note) || !object.name || !object.replyTargetId || ctx.parseUri(object.replyTargetId)?.type !== 'object') return false;
  const status = await statusByUri(ctx, object.replyTargetId);
  const [poll] = status ? await pollsCollection(await ctx.data.readModels()).find({ where: { statusId: status.id }, limit: 1 }) : [];
  if (!poll?.local) return false;
  const choice = poll.options.indexOf(object.name.toString());
  if (choice < 0) return true;
  const facts = { pollId: poll.id, statusId: poll.statusId, authorId: poll.accountId, optionCount: poll.options.length, multiple: poll.multiple, expiresAt: poll.expiresAt, expired: pollExpired(poll, ctx.data.clock.now()) };
  try {
    await votePoll(await commandDeps(ctx.data), { poll: facts, accountId: voter.id, choices: [choice] }, commandMetadata(voter.id));
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    ctx.data.logger.info({ uri: object.id?.href, reason: error.message }, 'remote poll vote refused');
  }
  return true;
}
