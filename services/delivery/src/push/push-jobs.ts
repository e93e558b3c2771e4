import { z } from 'zod';
import type { CommandSources } from '@strata/commands';
import type { StrataConfig } from '@strata/config';
import type { Vault } from '@strata/auth';
import type { Logger } from '@strata/logging';
import type { MediaStorage } from '@strata/media';
import type { Reaction } from '../index.ts';

/** Finds the notifications one event made and the subscriptions that want them pushed. */
export const PUSH_FANOUT_QUEUE = 'push.fanout';
/** Encrypts one notification for one device and hands it to its push service. */
export const PUSH_SEND_QUEUE = 'push.send';

export interface PushDeps extends CommandSources {
  config: StrataConfig;
  logger: Logger;
  vault(): Promise<Vault>;
  media: MediaStorage;
}

const id = z.string().regex(/^\d{1,20}$/);
export const PushFanoutJob = z.object({ eventId: z.string().min(1), stream: z.string(), revision: z.number().int() });
export const PushSendJob = z.object({ subscriptionId: id, notificationId: id });
export type PushSendJob = z.infer<typeof PushSendJob>;

/**
 * Events that may notify someone (see `notify` in the projections). A new kind of
 * notification is pushed once its event is listed here: `quote` comes with StatusPosted,
 * `quoted_update` with StatusEdited, `poll` with PollExpired.
 */
export const NOTIFYING_EVENTS = ['StatusPosted', 'StatusEdited', 'StatusReblogged', 'StatusToggled', 'AccountFollowed', 'FollowRequested', 'ReportFiled', 'PollExpired'] as const;

const fanout: Reaction = async (recorded, jobs) => {
  await jobs.enqueue(PUSH_FANOUT_QUEUE, { eventId: recorded.id, stream: recorded.stream, revision: recorded.revision } satisfies z.infer<typeof PushFanoutJob>);
};

export const pushReactions: Record<string, Reaction[]> = Object.fromEntries(NOTIFYING_EVENTS.map((type) => [type, [fanout]]));
