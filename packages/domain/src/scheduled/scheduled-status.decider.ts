import { type Decider, NotFoundError } from '@strata/kernel';
import type { EventOf, ScheduledStatusCancelled, ScheduledStatusPublished, ScheduledStatusRescheduled, StatusScheduled } from '@strata/contracts';

export type ScheduledStatusEvent =
  | EventOf<typeof StatusScheduled>
  | EventOf<typeof ScheduledStatusRescheduled>
  | EventOf<typeof ScheduledStatusCancelled>
  | EventOf<typeof ScheduledStatusPublished>;
type Params = EventOf<typeof StatusScheduled>['data']['params'];

export type ScheduledStatusCommand =
  | { type: 'Schedule'; scheduledId: string; accountId: string; scheduledAt: Date; params: Params; at: Date }
  | { type: 'Reschedule'; scheduledId: string; accountId: string; scheduledAt: Date; at: Date }
  | { type: 'Cancel'; scheduledId: string; accountId: string; at: Date }
  /** From the job due at `dueAt`: a job made stale by a reschedule publishes nothing. */
  | { type: 'Publish'; scheduledId: string; dueAt: string; statusId: string; at: Date };

export type ScheduledStatusState =
  | { state: 'none' }
  | { state: 'pending' | 'cancelled'; accountId: string; scheduledAt: string; params: Params }
  | { state: 'published'; accountId: string; scheduledAt: string; params: Params; statusId: string };

/** A scheduled status: its owner moves or cancels it while pending; the job publishes it once. */
export const scheduledStatusDecider: Decider<ScheduledStatusCommand, ScheduledStatusEvent, ScheduledStatusState> = {
  initialState: () => ({ state: 'none' }),
  evolve(state, event) {
    switch (event.type) {
      case 'StatusScheduled':
        return { state: 'pending', accountId: event.data.accountId, scheduledAt: event.data.scheduledAt, params: event.data.params };
      case 'ScheduledStatusRescheduled':
        return state.state === 'pending' ? { ...state, scheduledAt: event.data.scheduledAt } : state;
      case 'ScheduledStatusCancelled':
        return state.state === 'pending' ? { ...state, state: 'cancelled' } : state;
      case 'ScheduledStatusPublished':
        return state.state === 'pending' ? { ...state, state: 'published', statusId: event.data.statusId } : state;
    }
  },
  decide(command, state) {
    const at = command.at.toISOString();
    if (command.type === 'Schedule') {
      if (state.state !== 'none') return [];
      const { scheduledId, accountId, params } = command;
      return [{ type: 'StatusScheduled', data: { scheduledId, accountId, scheduledAt: command.scheduledAt.toISOString(), params, at } }];
    }
    if (command.type === 'Publish') {
      if (state.state !== 'pending' || state.scheduledAt !== command.dueAt) return [];
      return [{ type: 'ScheduledStatusPublished', data: { scheduledId: command.scheduledId, accountId: state.accountId, statusId: command.statusId, at } }];
    }
    // only its owner sees it: anything else is not found, as in Mastodon
    if (state.state !== 'pending' || state.accountId !== command.accountId) throw new NotFoundError();
    if (command.type === 'Cancel') return [{ type: 'ScheduledStatusCancelled', data: { scheduledId: command.scheduledId, accountId: command.accountId, at } }];
    const scheduledAt = command.scheduledAt.toISOString();
    return [{ type: 'ScheduledStatusRescheduled', data: { scheduledId: command.scheduledId, accountId: command.accountId, scheduledAt, at } }];
  },
};
