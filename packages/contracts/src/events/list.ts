import { z } from 'zod';
import { snowflakeId } from './account.ts';
import { defineEvent } from './registry.ts';

export const listStream = (listId: string) => `list-${listId}`;
export const RepliesPolicy = z.enum(['followed', 'list', 'none']);

const settings = { title: z.string().min(1).max(200), repliesPolicy: RepliesPolicy, exclusive: z.boolean() };

export const ListCreated = defineEvent('ListCreated', 1, z.object({ listId: snowflakeId, accountId: snowflakeId, ...settings, at: z.iso.datetime() }));
export const ListUpdated = defineEvent('ListUpdated', 1, z.object({ listId: snowflakeId, ...settings }));
export const ListDeleted = defineEvent('ListDeleted', 1, z.object({ listId: snowflakeId, at: z.iso.datetime() }));
export const ListMembersChanged = defineEvent(
  'ListMembersChanged',
  1,
  z.object({ listId: snowflakeId, accountIds: z.array(snowflakeId), added: z.boolean() }),
);

export const listEvents = [ListCreated, ListUpdated, ListDeleted, ListMembersChanged] as const;
