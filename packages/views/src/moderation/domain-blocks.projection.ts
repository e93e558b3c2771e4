import type { RecordedEvent } from '@strata/kernel';
import { strataEvents } from '@strata/contracts';
import type { Collection, Doc, ReadModelStore } from '@strata/read-models';
import type { Projection, ProjectionContext } from '../projection/projection.ts';
import { anyErased } from '../accounts/hidden-accounts.ts';

/** id: `${accountId}:${domain}`; seq orders a user's list (newest first) and pages it. */
export interface UserDomainBlockDoc extends Doc {
  accountId: string;
  domain: string;
  seq: number;
  createdAt: string;
}

export const userDomainBlocksCollection = (store: ReadModelStore): Collection<UserDomainBlockDoc> =>
  store.collection<UserDomainBlockDoc>('user_domain_blocks', { indexes: [['accountId', 'seq']] });

/** The domains each user hid. */
export const userDomainBlocksProjection: Projection = {
  name: 'user-domain-blocks',
  handles: new Set(['UserDomainBlockChanged', 'AccountDeleted']),
  async apply(recorded: RecordedEvent, context: ProjectionContext) {
    const event = strataEvents.decode(recorded);
    const blocks = userDomainBlocksCollection(context.readModels);
    if (event?.type === 'AccountDeleted') {
      await blocks.deleteWhere({ accountId: event.data.accountId });
    } else if (event?.type === 'UserDomainBlockChanged') {
      const { accountId, domain, blocked, at } = event.data;
      const id = `${accountId}:${domain}`;
      if (!blocked) {
        await blocks.delete(id);
        return;
      }
      if (await anyErased(context.readModels, [accountId])) return;
      await blocks.upsert({ id, accountId, domain, seq: recorded.position, createdAt: at });
    }
  },
};
