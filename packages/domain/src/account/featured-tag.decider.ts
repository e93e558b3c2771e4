import type { Decider } from '@strata/kernel';
import type { EventOf, FeaturedTagChanged } from '@strata/contracts';

export type FeaturedTagEvent = EventOf<typeof FeaturedTagChanged>;
/** `newId` names the featured tag when this command features it anew. */
export type FeatureTagCommand = { type: 'SetFeaturedTag'; accountId: string; tag: string; featured: boolean; newId: string; at: Date };

/** Featuring a hashtag on one's profile: an idempotent switch per account and tag. */
export const featuredTagDecider: Decider<FeatureTagCommand, FeaturedTagEvent, { featuredTagId: string | null }> = {
  initialState: () => ({ featuredTagId: null }),
  evolve: (_state, event) => ({ featuredTagId: event.data.featured ? event.data.featuredTagId : null }),
  decide(command, state) {
    if ((state.featuredTagId !== null) === command.featured) return [];
    const featuredTagId = state.featuredTagId ?? command.newId;
    const { accountId, tag, featured } = command;
    return [{ type: 'FeaturedTagChanged', data: { accountId, featuredTagId, tag, featured, at: command.at.toISOString() } }];
  },
};
