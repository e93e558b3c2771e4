import { z } from 'zod';
import { type Vault, issueEmailToken } from '@strata/auth';
import { type JobQueue, PermanentJobError } from '@strata/job-queue';
import type { Clock } from '@strata/kernel';
import type { Logger } from '@strata/logging';
import { type Mailer, isPermanentMailFailure } from './mailer.ts';
import { type MailContent, type MailContext, approvedMail, confirmationMail, passwordResetMail, rejectedMail, signInMail, warningMail } from './messages.ts';

export const MAIL_QUEUE = 'mail';

/**
 * A mail job names the account and the kind of message, never a secret: links are made
 * when the job runs (a retry makes a fresh one). Only a rejection carries the address,
 * because the rejected account's credentials are gone by the time it runs.
 */
export const MailJob = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('confirmation'), accountId: z.string() }),
  z.object({ kind: z.literal('password_reset'), accountId: z.string() }),
  z.object({ kind: z.literal('approved'), accountId: z.string() }),
  z.object({ kind: z.literal('rejected'), accountId: z.string(), to: z.string(), username: z.string() }),
  z.object({ kind: z.literal('warning'), accountId: z.string(), action: z.string(), text: z.string() }),
  z.object({ kind: z.literal('sign_in'), accountId: z.string(), address: z.string(), userAgent: z.string(), at: z.string() }),
]);
export type MailJob = z.infer<typeof MailJob>;

export async function enqueueMail(jobs: JobQueue, job: MailJob): Promise<void> {
  await jobs.enqueue(MAIL_QUEUE, MailJob.parse(job), { maxAttempts: 10 });
}

export interface MailProcessorDeps {
  vault: Vault;
  mailer: Mailer;
  clock: Clock;
  logger: Logger;
  instance: { title: string; publicUrl: string };
}

/** Runs one mail job: renders the message for the account as it is now, then sends it. */
export function mailProcessor(deps: MailProcessorDeps) {
  return async (payload: unknown): Promise<void> => {
    const parsed = MailJob.safeParse(payload);
    if (!parsed.success) throw new PermanentJobError('malformed mail job');
    const job = parsed.data;
    const message = await render(deps, job);
    if (!message) return deps.logger.info({ kind: job.kind, accountId: job.accountId }, 'mail no longer needed');
    try {
      await deps.mailer.send(message);
      deps.logger.info({ kind: job.kind, accountId: job.accountId }, 'mail sent');
    } catch (error) {
      if (isPermanentMailFailure(error)) throw new PermanentJobError(`mail refused: ${(error as Error).message}`);
      throw error;
    }
  };
}

async function render(deps: MailProcessorDeps, job: MailJob): Promise<(MailContent & { to: string }) | null> {
  const context = (username: string): MailContext => ({ instanceTitle: deps.instance.title, publicUrl: deps.instance.publicUrl, username });
  if (job.kind === 'rejected') return { to: job.to, ...rejectedMail(context(job.username)) };
  const credentials = await deps.vault.credentials.get(job.accountId);
  // the account was erased (or is gone from the vault) since the job was queued
  if (!credentials) return null;
  const to = credentials.email;
  const ctx = context(credentials.usernameLower);
  switch (job.kind) {
    case 'confirmation':
      if (credentials.confirmedAt) return null;
      return { to, ...confirmationMail(ctx, await issueEmailToken(deps.vault, deps.clock, job.accountId, 'confirmation')) };
    case 'password_reset':
      return { to, ...passwordResetMail(ctx, await issueEmailToken(deps.vault, deps.clock, job.accountId, 'password_reset')) };
    case 'approved':
      return { to, ...approvedMail(ctx) };
    case 'warning':
      return { to, ...warningMail(ctx, job.action, job.text) };
    case 'sign_in':
      return { to, ...signInMail(ctx, job) };
  }
}
