import type { RecordedEvent } from '@strata/kernel';
import type { PersonalDataVault } from '@strata/personal-data';
import type { ReadModelStore } from '@strata/read-models';
import type { BatchMemo } from './batch-memo.ts';

/** What a projection may use: the read models it writes, and the keys to open sealed personal data. */
export interface ProjectionContext {
  readModels: ReadModelStore;
  personalData: PersonalDataVault;
  /** Base URL of this instance, for the links rendered into content (mentions, tags). */
  publicUrl: string;
  /**
   * Announces a change to live streams. The projector holds announcements until the
   * writes they describe are durable, so a client told of a change can read it.
   */
  publish(channel: string, message: StreamMessage): void;
  /** Relations remembered across the events of a batch (the projector's; absent elsewhere). */
  memo?: BatchMemo;
}

/** What the projector tells streaming nodes: ids only; each node renders for its own clients. */
export type StreamMessage =
  | { event: 'update' | 'status.update' | 'delete' | 'conversation'; statusId: string }
  | { event: 'notification'; notificationId: string }
  | { event: 'suspended'; accountId: string }
  /** The account's filters changed: clients reload them. */
  | { event: 'filters_changed'; accountId: string }
  /** An announcement was published or deleted, or a reaction to it changed (user streams). */
  | { event: 'announcement'; announcementId: string }
  | { event: 'announcement.delete'; announcementId: string }
  | { event: 'announcement.reaction'; announcementId: string; name: string };

/** Pub/sub channel names of the live streams, shared by the projector and the streaming service. */
export const channels = {
  user: (accountId: string) => `timeline:${accountId}`,
  public: (local: boolean) => (local ? 'timeline:public:local' : 'timeline:public'),
  remote: 'timeline:public:remote',
  hashtag: (tag: string, local: boolean) => `timeline:hashtag:${tag.toLowerCase()}${local ? ':local' : ''}`,
  list: (listId: string) => `timeline:list:${listId}`,
  direct: (accountId: string) => `timeline:direct:${accountId}`,
  /** The account was suspended: every stream it has open closes. */
  account: (accountId: string) => `system:account:${accountId}`,
  /** Revocation of one token: its open streams close at once. */
  token: (tokenId: string) => `system:token:${tokenId}`,
};

/**
 * A projection turns events into read-model documents. It must be idempotent (the log
 * delivers at least once) and must not assume any order between different streams.
 */
export interface Projection {
  readonly name: string;
  /** Event types it reacts to; others never reach `apply`. */
  readonly handles: ReadonlySet<string>;
  apply(event: RecordedEvent, context: ProjectionContext): Promise<void>;
}
