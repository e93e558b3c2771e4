import { type Decider, NotFoundError, ValidationError } from '@strata/kernel';
import type {
  EventOf,
  FilterCreated,
  FilterDeleted,
  FilterKeywordAdded,
  FilterKeywordRemoved,
  FilterKeywordUpdated,
  FilterStatusAdded,
  FilterStatusRemoved,
  FilterUpdated,
} from '@strata/contracts';

export type FilterEvent =
  | EventOf<typeof FilterCreated>
  | EventOf<typeof FilterUpdated>
  | EventOf<typeof FilterDeleted>
  | EventOf<typeof FilterKeywordAdded>
  | EventOf<typeof FilterKeywordUpdated>
  | EventOf<typeof FilterKeywordRemoved>
  | EventOf<typeof FilterStatusAdded>
  | EventOf<typeof FilterStatusRemoved>;

export type FilterContextName = 'home' | 'notifications' | 'public' | 'thread' | 'account';
export type FilterSettings = { title: string; context: FilterContextName[]; action: 'warn' | 'hide' | 'blur'; expiresAt: string | null };
export type FilterKeywordInput = { keywordId: string; keyword: string; wholeWord: boolean };

/** Every change to a filter: its settings, keywords and statuses, applied together or not at all. */
export interface FilterChanges {
  settings?: Partial<FilterSettings>;
  addKeywords?: FilterKeywordInput[];
  updateKeywords?: Array<{ keywordId: string; keyword?: string; wholeWord?: boolean }>;
  removeKeywordIds?: string[];
  addStatuses?: Array<{ filterStatusId: string; statusId: string }>;
  removeFilterStatusIds?: string[];
}

export type FilterCommand =
  | ({ type: 'CreateFilter'; filterId: string; accountId: string; at: Date; keywords: FilterKeywordInput[] } & FilterSettings)
  | ({ type: 'ChangeFilter'; filterId: string; accountId: string } & FilterChanges)
  | { type: 'DeleteFilter'; filterId: string; accountId: string; at: Date };

export type FilterState =
  | { exists: false }
  | ({ exists: true; ownerId: string; deleted: boolean; keywords: Map<string, { keyword: string; wholeWord: boolean }>; statuses: Map<string, string> } & FilterSettings);

function evolve(state: FilterState, event: FilterEvent): FilterState {
  if (event.type === 'FilterCreated') {
    const { accountId, title, context, action, expiresAt } = event.data;
    return { exists: true, ownerId: accountId, deleted: false, title, context, action, expiresAt, keywords: new Map(), statuses: new Map() };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'FilterUpdated': {
      const { title, context, action, expiresAt } = event.data;
      return { ...state, title, context, action, expiresAt };
    }
    case 'FilterDeleted':
      return { ...state, deleted: true };
    case 'FilterKeywordAdded':
    case 'FilterKeywordUpdated':
      return { ...state, keywords: new Map(state.keywords).set(event.data.keywordId, { keyword: event.data.keyword, wholeWord: event.data.wholeWord }) };
    case 'FilterKeywordRemoved': {
      const keywords = new Map(state.keywords);
      keywords.delete(event.data.keywordId);
      return { ...state, keywords };
    }
    case 'FilterStatusAdded':
      return { ...state, statuses: new Map(state.statuses).set(event.data.filterStatusId, event.data.statusId) };
    case 'FilterStatusRemoved': {
      const statuses = new Map(state.statuses);
      statuses.delete(event.data.filterStatusId);
      return { ...state, statuses };
    }
  }
}

function changes(filterId: string, state: Extract<FilterState, { exists: true }>, command: FilterChanges): FilterEvent[] {
  const events: FilterEvent[] = [];
  const settings = command.settings ?? {};
  if (Object.keys(settings).length) {
    const { title, context, action, expiresAt } = { ...state, ...settings };
    events.push({ type: 'FilterUpdated', data: { filterId, title, context, action, expiresAt } });
  }
  for (const k of command.addKeywords ?? []) events.push({ type: 'FilterKeywordAdded', data: { filterId, ...k } });
  for (const k of command.updateKeywords ?? []) {
    const current = state.keywords.get(k.keywordId);
    if (!current) throw new NotFoundError();
    events.push({ type: 'FilterKeywordUpdated', data: { filterId, keywordId: k.keywordId, keyword: k.keyword ?? current.keyword, wholeWord: k.wholeWord ?? current.wholeWord } });
  }
  for (const keywordId of command.removeKeywordIds ?? []) {
    if (!state.keywords.has(keywordId)) throw new NotFoundError();
    events.push({ type: 'FilterKeywordRemoved', data: { filterId, keywordId } });
  }
  const filtered = new Set(state.statuses.values());
  for (const s of command.addStatuses ?? []) {
    if (filtered.has(s.statusId)) throw new ValidationError('Validation failed: Status has already been taken');
    filtered.add(s.statusId);
    events.push({ type: 'FilterStatusAdded', data: { filterId, ...s } });
  }
  for (const filterStatusId of command.removeFilterStatusIds ?? []) {
    if (!state.statuses.has(filterStatusId)) throw new NotFoundError();
    events.push({ type: 'FilterStatusRemoved', data: { filterId, filterStatusId } });
  }
  return events;
}

/** A filter belongs to one account; only its owner changes it. */
export const filterDecider: Decider<FilterCommand, FilterEvent, FilterState> = {
  initialState: () => ({ exists: false }),
  evolve,
  decide(command, state) {
    if (command.type === 'CreateFilter') {
      if (state.exists) return [];
      const { filterId, accountId, title, context, action, expiresAt, at, keywords } = command;
      return [
        { type: 'FilterCreated', data: { filterId, accountId, title, context, action, expiresAt, at: at.toISOString() } },
        ...keywords.map((k): FilterEvent => ({ type: 'FilterKeywordAdded', data: { filterId, ...k } })),
      ];
    }
    if (!state.exists || state.deleted || state.ownerId !== command.accountId) throw new NotFoundError();
    if (command.type === 'DeleteFilter') return [{ type: 'FilterDeleted', data: { filterId: command.filterId, at: command.at.toISOString() } }];
    return changes(command.filterId, state, command);
  },
};
