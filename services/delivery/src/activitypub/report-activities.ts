import { Flag } from '@fedify/vocab';
import { type FederationDeps, INSTANCE_ACTOR, type StrataFederation, statusUriOf } from '@strata/federation';
import { accountsCollection, reportsCollection, statusesCollection, waitForProjection } from '@strata/views';
import { NotProjectedYet } from '@strata/job-queue';
import { recipientOf } from './audience.ts';
import type { OutboundJob } from './outbound-jobs.ts';

type ForwardJob = Extract<OutboundJob, { type: 'forward-report' }>;

/**
 * A report about a remote account that its reporter asked to forward: a Flag to the
 * account's server, from the instance actor (the reporter stays anonymous, as in
 * Mastodon), naming the account and the reported statuses by their URIs.
 */
export async function forwardReport(federation: StrataFederation, deps: FederationDeps, job: ForwardJob) {
  const store = await deps.readModels();
  await waitForProjection(store, job.stream, job.revision);
  const report = await reportsCollection(store).get(job.reportId);
  if (!report) throw new NotProjectedYet(`report ${job.reportId} not projected yet`);
  const target = await accountsCollection(store).get(report.targetAccountId);
  if (!report.forward || !target?.remote) return;
  const ctx = federation.createContext(new URL(deps.config.publicUrl), deps);
  const statuses = await statusesCollection(store).getMany(report.statusIds);
  const uris = statuses.map((status) => new URL(status.uri ?? statusUriOf(ctx, target.username, status.id).href));
  const instanceActor = ctx.getActorUri(INSTANCE_ACTOR);
  const flag = new Flag({
    id: new URL(`${instanceActor.href}#reports/${report.id}`),
    actor: instanceActor,
    objects: [new URL(target.remote.uri), ...uris],
    content: report.comment,
  });
  await ctx.sendActivity({ identifier: INSTANCE_ACTOR }, recipientOf(target), flag);
}
