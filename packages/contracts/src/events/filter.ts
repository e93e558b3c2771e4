import { z } from 'zod';
import { snowflakeId } from './account.ts';
import { defineEvent } from './registry.ts';

/** One stream per filter: its keywords and statuses change with it, checked against its owner. */
export const filterStream = (filterId: string) => `filter-${filterId}`;
export const FilterContext = z.enum(['home', 'notifications', 'public', 'thread', 'account']);
export const FilterAction = z.enum(['warn', 'hide', 'blur']);

const settings = {
  title: z.string().min(1).max(256),
  context: z.array(FilterContext).min(1),
  action: FilterAction,
  expiresAt: z.iso.datetime().nullable(),
};
const keyword = { keywordId: snowflakeId, keyword: z.string().min(1).max(512), wholeWord: z.boolean() };

export const FilterCreated = defineEvent('FilterCreated', 1, z.object({ filterId: snowflakeId, accountId: snowflakeId, ...settings, at: z.iso.datetime() }));
export const FilterUpdated = defineEvent('FilterUpdated', 1, z.object({ filterId: snowflakeId, ...settings }));
export const FilterDeleted = defineEvent('FilterDeleted', 1, z.object({ filterId: snowflakeId, at: z.iso.datetime() }));
export const FilterKeywordAdded = defineEvent('FilterKeywordAdded', 1, z.object({ filterId: snowflakeId, ...keyword }));
export const FilterKeywordUpdated = defineEvent('FilterKeywordUpdated', 1, z.object({ filterId: snowflakeId, ...keyword }));
export const FilterKeywordRemoved = defineEvent('FilterKeywordRemoved', 1, z.object({ filterId: snowflakeId, keywordId: snowflakeId }));
export const FilterStatusAdded = defineEvent('FilterStatusAdded', 1, z.object({ filterId: snowflakeId, filterStatusId: snowflakeId, statusId: snowflakeId }));
export const FilterStatusRemoved = defineEvent('FilterStatusRemoved', 1, z.object({ filterId: snowflakeId, filterStatusId: snowflakeId }));

export const filterEvents = [
  FilterCreated,
  FilterUpdated,
  FilterDeleted,
  FilterKeywordAdded,
  FilterKeywordUpdated,
  FilterKeywordRemoved,
  FilterStatusAdded,
  FilterStatusRemoved,
] as const;
