import { type EventMetadata, ForbiddenError, foldEvents } from '@strata/kernel';
import { blockStream, followStream, muteStream, strataEvents } from '@strata/contracts';
import { type BlockEvent, type FollowCommand, type FollowOptions, blockDecider, followDecider, muteDecider } from '@strata/domain';
import { handleCommand } from './handle.ts';
import type { CommandDeps } from './register-account.ts';

type FollowAction = 'Unfollow' | 'AuthorizeFollow' | 'RejectFollow' | 'RemoveFollower' | 'EndFollowForBlock';

export async function followAccount(
  deps: CommandDeps,
  input: { followerId: string; followedId: string; locked: boolean; options: Partial<FollowOptions>; activityUri?: string },
  metadata: EventMetadata,
) {
  if (input.followerId === input.followedId) throw new ForbiddenError('You cannot follow yourself');
  // nothing crosses a block: neither side may follow the other while it stands, as in Mastodon
  if ((await isBlocking(deps, input.followedId, input.followerId)) || (await isBlocking(deps, input.followerId, input.followedId))) {
    throw new ForbiddenError('This action is not allowed');
  }
  const at = deps.clock.now();
  const command: FollowCommand = { type: 'Follow', ...input, id: deps.ids.next(at.getTime()), at };
  return handleCommand(deps.store, followStream(input.followerId, input.followedId), followDecider, command, metadata);
}

async function isBlocking(deps: CommandDeps, accountId: string, targetId: string): Promise<boolean> {
  const recorded = await deps.store.readStream(blockStream(accountId, targetId));
  const events = recorded.flatMap((event) => strataEvents.decode(event) ?? []) as BlockEvent[];
  return foldEvents(blockDecider, events).blocked;
}

/** Unfollow, accept or reject a request, remove a follower: each on the stream of that one pair. */
export async function changeFollow(deps: CommandDeps, action: FollowAction, input: { followerId: string; followedId: string }, metadata: EventMetadata) {
  const at = deps.clock.now();
  const command = (action === 'AuthorizeFollow' ? { type: action, ...input, id: deps.ids.next(at.getTime()), at } : { type: action, ...input, at }) as FollowCommand;
  return handleCommand(deps.store, followStream(input.followerId, input.followedId), followDecider, command, metadata);
}

/** Blocking also ends the follows between the two accounts, both ways, as in Mastodon. */
export async function blockAccount(deps: CommandDeps, input: { accountId: string; targetId: string }, metadata: EventMetadata) {
  if (input.accountId === input.targetId) throw new ForbiddenError('You cannot block yourself');
  const at = deps.clock.now();
  const block = await handleCommand(deps.store, blockStream(input.accountId, input.targetId), blockDecider, { type: 'Block', ...input, id: deps.ids.next(at.getTime()), at }, metadata);
  const ended = [
    await changeFollow(deps, 'EndFollowForBlock', { followerId: input.accountId, followedId: input.targetId }, metadata),
    await changeFollow(deps, 'EndFollowForBlock', { followerId: input.targetId, followedId: input.accountId }, metadata),
  ];
  return { block, ended };
}

export async function unblockAccount(deps: CommandDeps, input: { accountId: string; targetId: string }, metadata: EventMetadata) {
  return handleCommand(deps.store, blockStream(input.accountId, input.targetId), blockDecider, { type: 'Unblock', ...input, at: deps.clock.now() }, metadata);
}

export async function muteAccount(
  deps: CommandDeps,
  input: { accountId: string; targetId: string; notifications: boolean; durationSeconds: number },
  metadata: EventMetadata,
) {
  if (input.accountId === input.targetId) throw new ForbiddenError('You cannot mute yourself');
  const at = deps.clock.now();
  const expiresAt = input.durationSeconds > 0 ? new Date(at.getTime() + input.durationSeconds * 1000).toISOString() : null;
  return handleCommand(
    deps.store,
    muteStream(input.accountId, input.targetId),
    muteDecider,
    { type: 'Mute', accountId: input.accountId, targetId: input.targetId, notifications: input.notifications, expiresAt, id: deps.ids.next(at.getTime()), at },
    metadata,
  );
}

export async function unmuteAccount(deps: CommandDeps, input: { accountId: string; targetId: string }, metadata: EventMetadata) {
  return handleCommand(deps.store, muteStream(input.accountId, input.targetId), muteDecider, { type: 'Unmute', ...input, at: deps.clock.now() }, metadata);
}
