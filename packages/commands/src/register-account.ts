import { type Clock, type EventMetadata, type SnowflakeGenerator, ValidationError, snowflakeTime } from '@strata/kernel';
import { type AccountRole, accountStream, usernameStream } from '@strata/contracts';
import { accountDecider, checkUsername, usernameDecider, usernameTaken } from '@strata/domain';
import type { EventStore } from '@strata/event-store';
import { handleCommand } from './handle.ts';
import type { Written } from './written.ts';

export interface CommandDeps {
  store: EventStore;
  ids: SnowflakeGenerator;
  clock: Clock;
}

export interface RegisterAccountInput {
  username: string;
  role: AccountRole;
  approved: boolean;
}

/** A reservation older than this with no account behind it was left by a registration that died. */
const ABANDONED_AFTER_MS = 60_000;

/**
 * Registers a local account in two streams: first the username reservation (the store's
 * no-stream check makes names unique across every process), then the account itself.
 */
export async function registerAccount(
  deps: CommandDeps,
  input: RegisterAccountInput,
  metadata: EventMetadata,
  /** Work that must succeed before the account exists (credentials, keys); it may throw to refuse. */
  beforeAccount?: (accountId: string) => Promise<void>,
): Promise<{ accountId: string; position: number; written: Written }> {
  checkUsername(input.username);
  const now = deps.clock.now();
  const accountId = deps.ids.next(now.getTime());
  await reserveUsername(deps, input.username, accountId, metadata);
  try {
    await beforeAccount?.(accountId);
  } catch (error) {
    const release = { type: 'ReleaseUsername' as const, username: input.username, accountId };
    await handleCommand(deps.store, usernameStream(input.username), usernameDecider, release, metadata);
    throw error;
  }
  const result = await handleCommand(
    deps.store,
    accountStream(accountId),
    accountDecider,
    { type: 'RegisterAccount', accountId, username: input.username, role: input.role, approved: input.approved, at: now },
    metadata,
  );
  return { accountId, position: result.position!, written: result };
}

async function reserveUsername(deps: CommandDeps, username: string, accountId: string, metadata: EventMetadata) {
  const stream = usernameStream(username);
  const reserve = { type: 'ReserveUsername' as const, username, accountId };
  try {
    await handleCommand(deps.store, stream, usernameDecider, reserve, metadata);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const abandonedBy = await abandonedHolder(deps, stream);
    if (!abandonedBy) throw error;
    await handleCommand(deps.store, stream, usernameDecider, { ...reserve, abandonedBy }, metadata);
  }
}

async function abandonedHolder(deps: CommandDeps, stream: string): Promise<string | undefined> {
  const events = await deps.store.readStream(stream);
  const holder = (events.at(-1)?.data as { accountId?: string } | undefined)?.accountId;
  if (!holder) return undefined;
  const age = deps.clock.now().getTime() - snowflakeTime(holder).getTime();
  if (age < ABANDONED_AFTER_MS) throw usernameTaken();
  const account = await deps.store.readStream(accountStream(holder), { limit: 1 });
  return account.length === 0 ? holder : undefined;
}
