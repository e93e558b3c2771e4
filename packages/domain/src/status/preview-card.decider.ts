import type { Decider } from '@strata/kernel';
import type { EventOf, StatusPreviewCardFetched } from '@strata/contracts';

export type PreviewCardEvent = EventOf<typeof StatusPreviewCardFetched>;
export type PreviewCardCommand = { type: 'RecordPreviewCard' } & PreviewCardEvent['data'];

/** A status's link preview: recorded once, so a retried fetch job adds nothing. */
export const previewCardDecider: Decider<PreviewCardCommand, PreviewCardEvent, { recorded: boolean }> = {
  initialState: () => ({ recorded: false }),
  evolve: () => ({ recorded: true }),
  decide(command, state) {
    if (state.recorded) return [];
    const { type: _type, ...data } = command;
    return [{ type: 'StatusPreviewCardFetched', data }];
  },
};
