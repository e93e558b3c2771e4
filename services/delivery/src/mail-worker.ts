import type { StrataConfig } from '@strata/config';
import { openVault } from '@strata/auth';
import { type Clock, type RecordedEvent, systemClock } from '@strata/kernel';
import type { JobQueue } from '@strata/job-queue';
import type { Logger } from '@strata/logging';
import { MAIL_QUEUE, createMailer, enqueueMail, mailProcessor } from '@strata/mail';
import type { Engines } from '@strata/runtime';
import type { DeliveryDeps, Reaction } from './index.ts';

/**
 * Mail for the delivery service: messages that follow from stored events (the
 * confirmation link after a sign-up, the approval notice) are reactions; the worker of
 * the mail queue sends every message, retried with back-off like any job.
 */
export async function mailWork(config: StrataConfig, engines: Engines, logger: Logger, clock: Clock = systemClock) {
  const vault = openVault(await engines.vault());
  const mailer = createMailer(config.mail, logger.child({ component: 'mail' }));
  logger.info({ transport: mailer.describe, from: config.mail.from }, 'mail transport');

  const confirmAfterSignUp: Reaction = async (event: RecordedEvent, jobs: JobQueue) => {
    const { accountId } = event.data as { accountId: string };
    const credentials = await vault.credentials.get(accountId);
    // remote accounts have no credentials; confirmed ones (no confirmation asked, or made by the CLI) need no link
    if (credentials && !credentials.confirmedAt) await enqueueMail(jobs, { kind: 'confirmation', accountId });
  };
  const noticeOfApproval: Reaction = async (event, jobs) => {
    await enqueueMail(jobs, { kind: 'approved', accountId: (event.data as { accountId: string }).accountId });
  };

  const parts: Pick<DeliveryDeps, 'reactions' | 'processors'> = {
    reactions: { AccountRegistered: [confirmAfterSignUp], AccountApproved: [noticeOfApproval] },
    processors: {
      [MAIL_QUEUE]: mailProcessor({ vault, mailer, clock, logger: logger.child({ component: 'mail' }), instance: { title: config.instance.title, publicUrl: config.publicUrl } }),
    },
  };
  return { ...parts, stop: () => mailer.close() };
}
