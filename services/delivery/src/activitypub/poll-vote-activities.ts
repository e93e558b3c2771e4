import { Create, Note } from '@fedify/vocab';
import type { FederationDeps, StrataFederation } from '@strata/federation';
import { accountsCollection, pollsCollection, statusesCollection, waitForProjection } from '@strata/views';
import { recipientOf } from './audience.ts';
import type { OutboundJob } from './outbound-jobs.ts';

/**
 * A local vote on a remote poll, as Mastodon sends it: for each choice a Create of a Note
 * whose `name` is the option's title, in reply to the Question, to its author only.
 * Votes on local polls are counted here and go nowhere.
 */
export async function sendPollVote(federation: StrataFederation, deps: FederationDeps, job: Extract<OutboundJob, { type: 'poll-vote' }>) {
  const store = await deps.readModels();
  await waitForProjection(store, job.stream, job.revision);
  const [poll, status, voter] = await Promise.all([pollsCollection(store).get(job.pollId), statusesCollection(store).get(job.statusId), accountsCollection(store).get(job.accountId)]);
  if (!poll || poll.local || !status?.uri || !voter || voter.remote || voter.suspended) return;
  const author = await accountsCollection(store).get(status.accountId);
  if (!author?.remote || author.suspended) return;
  const ctx = federation.createContext(new URL(deps.config.publicUrl), deps);
  const me = ctx.getActorUri(voter.username);
  const authorUri = new URL(author.remote.uri);
  for (const choice of job.choices) {
    const name = poll.options[choice];
    if (name === undefined) continue;
    const id = new URL(`${me.href}#votes/${job.pollId}/${choice}`);
    const note = new Note({ id, attribution: me, name, replyTarget: new URL(status.uri), tos: [authorUri] });
    const create = new Create({ id: new URL(`${id.href}/activity`), actor: me, tos: [authorUri], object: note });
    await ctx.sendActivity({ identifier: voter.username }, recipientOf(author), create);
  }
}
