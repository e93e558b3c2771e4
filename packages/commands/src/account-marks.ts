import type { EventMetadata } from '@strata/kernel';
import { accountNoteStream, endorsementStream, featuredTagStream, suggestionDismissalStream } from '@strata/contracts';
import { accountNoteDecider, endorsementDecider, featuredTagDecider, suggestionDismissalDecider } from '@strata/domain';
import type { PersonalDataVault } from '@strata/personal-data';
import { handleCommand } from './handle.ts';
import type { CommandDeps } from './register-account.ts';

interface Pair {
  accountId: string;
  targetId: string;
}

export async function setEndorsement(deps: CommandDeps, input: Pair & { endorsed: boolean }, metadata: EventMetadata) {
  return handleCommand(deps.store, endorsementStream(input.accountId, input.targetId), endorsementDecider, { type: 'SetEndorsement', ...input, at: deps.clock.now() }, metadata);
}

/** Seals the note with the writer's key (the note is the writer's personal data); an empty note clears it. */
export async function setAccountNote(deps: CommandDeps & { personalData: PersonalDataVault }, input: Pair & { comment: string }, metadata: EventMetadata) {
  const note = input.comment === '' ? null : await deps.personalData.seal(input.accountId, { comment: input.comment });
  const command = { type: 'SetAccountNote' as const, accountId: input.accountId, targetId: input.targetId, note, at: deps.clock.now() };
  return handleCommand(deps.store, accountNoteStream(input.accountId, input.targetId), accountNoteDecider, command, metadata);
}

export async function dismissSuggestion(deps: CommandDeps, input: Pair, metadata: EventMetadata) {
  const command = { type: 'DismissSuggestion' as const, ...input, at: deps.clock.now() };
  return handleCommand(deps.store, suggestionDismissalStream(input.accountId, input.targetId), suggestionDismissalDecider, command, metadata);
}

export async function setFeaturedTag(deps: CommandDeps, input: { accountId: string; tag: string; featured: boolean }, metadata: EventMetadata) {
  const at = deps.clock.now();
  const command = { type: 'SetFeaturedTag' as const, ...input, newId: deps.ids.next(at.getTime()), at };
  return handleCommand(deps.store, featuredTagStream(input.accountId, input.tag), featuredTagDecider, command, metadata);
}
