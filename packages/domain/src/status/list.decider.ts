import { type Decider, NotFoundError } from '@strata/kernel';
import type { EventOf, ListCreated, ListDeleted, ListMembersChanged, ListUpdated } from '@strata/contracts';

export type ListEvent = EventOf<typeof ListCreated> | EventOf<typeof ListUpdated> | EventOf<typeof ListDeleted> | EventOf<typeof ListMembersChanged>;
type Settings = { title: string; repliesPolicy: 'followed' | 'list' | 'none'; exclusive: boolean };

export type ListCommand =
  | ({ type: 'CreateList'; listId: string; accountId: string; at: Date } & Settings)
  | ({ type: 'UpdateList'; listId: string; accountId: string } & Partial<Settings>)
  | { type: 'DeleteList'; listId: string; accountId: string; at: Date }
  | { type: 'ChangeListMembers'; listId: string; accountId: string; accountIds: string[]; added: boolean };

export type ListState = { exists: false } | ({ exists: true; ownerId: string; deleted: boolean; members: Set<string> } & Settings);

/** A list belongs to one account; only its owner changes it. */
export const listDecider: Decider<ListCommand, ListEvent, ListState> = {
  initialState: () => ({ exists: false }),
  evolve(state, event) {
    switch (event.type) {
      case 'ListCreated': {
        const { accountId, title, repliesPolicy, exclusive } = event.data;
        return { exists: true, ownerId: accountId, deleted: false, members: new Set(), title, repliesPolicy, exclusive };
      }
      case 'ListUpdated':
        return state.exists ? { ...state, title: event.data.title, repliesPolicy: event.data.repliesPolicy, exclusive: event.data.exclusive } : state;
      case 'ListDeleted':
        return state.exists ? { ...state, deleted: true } : state;
      case 'ListMembersChanged': {
        if (!state.exists) return state;
        const members = new Set(state.members);
        for (const id of event.data.accountIds) {
          if (event.data.added) members.add(id);
          else members.delete(id);
        }
        return { ...state, members };
      }
    }
  },
  decide(command, state) {
    if (command.type === 'CreateList') {
      if (state.exists) return [];
      const { type: _type, at, ...data } = command;
      return [{ type: 'ListCreated', data: { ...data, at: at.toISOString() } }];
    }
    if (!state.exists || state.deleted || state.ownerId !== command.accountId) throw new NotFoundError();
    switch (command.type) {
      case 'UpdateList':
        return [
          {
            type: 'ListUpdated',
            data: {
              listId: command.listId,
              title: command.title ?? state.title,
              repliesPolicy: command.repliesPolicy ?? state.repliesPolicy,
              exclusive: command.exclusive ?? state.exclusive,
            },
          },
        ];
      case 'DeleteList':
        return [{ type: 'ListDeleted', data: { listId: command.listId, at: command.at.toISOString() } }];
      case 'ChangeListMembers': {
        const changed = command.accountIds.filter((id) => state.members.has(id) !== command.added);
        return changed.length ? [{ type: 'ListMembersChanged', data: { listId: command.listId, accountIds: changed, added: command.added } }] : [];
      }
    }
  },
};
