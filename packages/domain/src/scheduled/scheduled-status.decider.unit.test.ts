import { describe, expect, it } from 'vitest';
import { foldEvents } from '@strata/kernel';
import { scheduledStatusDecider } from './scheduled-status.decider.ts';

const at = new Date('2026-03-01T00:00:00Z');
const when = new Date('2026-03-02T00:00:00Z');
const sealed = { sealed: 'aes-256-gcm/v1' as const, subject: '1', iv: '', tag: '', data: '' };
const params = { visibility: 'public' as const, inReplyToId: null, inReplyToAccountId: null, sensitive: false, language: null, mentionedAccountIds: [], content: sealed, applicationId: null, mediaIds: [], poll: null };
const schedule = { type: 'Schedule' as const, scheduledId: '7', accountId: '1', scheduledAt: when, params, at };
const publish = (dueAt: string, statusId = '9') => ({ type: 'Publish' as const, scheduledId: '7', dueAt, statusId, at: when });

describe('scheduledStatusDecider', () => {
  const pending = foldEvents(scheduledStatusDecider, scheduledStatusDecider.decide(schedule, scheduledStatusDecider.initialState()));

  it('publishes once, with the status id chosen the first time', () => {
    const first = scheduledStatusDecider.decide(publish(when.toISOString()), pending);
    expect(first[0]!.data).toMatchObject({ statusId: '9' });
    const published = first.reduce(scheduledStatusDecider.evolve, pending);
    expect(scheduledStatusDecider.decide(publish(when.toISOString(), '10'), published)).toEqual([]);
    expect(published).toMatchObject({ state: 'published', statusId: '9' });
  });

  it('ignores the job of a time it was moved from, and anything after cancelling', () => {
    const later = new Date('2026-03-03T00:00:00Z');
    const moved = scheduledStatusDecider.decide({ type: 'Reschedule', scheduledId: '7', accountId: '1', scheduledAt: later, at }, pending).reduce(scheduledStatusDecider.evolve, pending);
    expect(scheduledStatusDecider.decide(publish(when.toISOString()), moved)).toEqual([]);
    expect(scheduledStatusDecider.decide(publish(later.toISOString()), moved)).toHaveLength(1);
    const cancelled = scheduledStatusDecider.decide({ type: 'Cancel', scheduledId: '7', accountId: '1', at }, pending).reduce(scheduledStatusDecider.evolve, pending);
    expect(scheduledStatusDecider.decide(publish(when.toISOString()), cancelled)).toEqual([]);
  });

  it('lets only its owner move or cancel it', () => {
    expect(() => scheduledStatusDecider.decide({ type: 'Cancel', scheduledId: '7', accountId: '2', at }, pending)).toThrow('Record not found');
  });
});
