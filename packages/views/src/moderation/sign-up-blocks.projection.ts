import { BlockList, isIP } from 'node:net';
import { createHash } from 'node:crypto';
import type { RecordedEvent } from '@strata/kernel';
import { type SignUpBlockKind, type SignUpBlockSeverity, strataEvents } from '@strata/contracts';
import type { Collection, Doc, ReadModelStore } from '@strata/read-models';
import type { Projection, ProjectionContext } from '../projection/projection.ts';

export interface SignUpBlockDoc extends Doc {
  kind: SignUpBlockKind;
  value: string;
  severity: SignUpBlockSeverity;
  comment: string;
  expiresAt: string | null;
  createdAt: string;
}

export const signUpBlocksCollection = (store: ReadModelStore): Collection<SignUpBlockDoc> =>
  store.collection<SignUpBlockDoc>('sign_up_blocks', { indexes: [['kind', 'value']] });

/** The e-mail domain blocks, canonical e-mail blocks and IP blocks in force: written here only. */
export const signUpBlocksProjection: Projection = {
  name: 'sign-up-blocks',
  handles: new Set(['SignUpBlockAdded', 'SignUpBlockChanged', 'SignUpBlockRemoved']),
  async apply(recorded: RecordedEvent, context: ProjectionContext) {
    const event = strataEvents.decode(recorded);
    const blocks = signUpBlocksCollection(context.readModels);
    if (event?.type === 'SignUpBlockRemoved') return void (await blocks.delete(event.data.blockId));
    if (event?.type !== 'SignUpBlockAdded' && event?.type !== 'SignUpBlockChanged') return;
    const { blockId, kind, value, severity, comment, expiresAt, at } = event.data;
    const createdAt = event.type === 'SignUpBlockAdded' ? at : ((await blocks.get(blockId))?.createdAt ?? at);
    await blocks.upsert({ id: blockId, kind, value, severity, comment, expiresAt, createdAt });
  },
};

/**
 * Mastodon's canonical e-mail address: lower case, and in the local part no dots and
 * nothing from a `+`, so that every spelling of one mailbox gives the same hash.
 */
export function canonicalEmailHash(email: string): string {
  const [local = '', domain = ''] = email.trim().toLowerCase().split(/@(?=[^@]*$)/);
  const canonical = `${local.replace(/\./g, '').split('+')[0]}@${domain}`;
  return createHash('sha256').update(canonical).digest('hex');
}

/** An IP address or CIDR range in the form BlockList understands; null when it is neither. */
export function parseIpRange(value: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | null {
  const [address = '', prefixText] = value.trim().split('/');
  const version = isIP(address);
  if (!version) return null;
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max || (prefixText !== undefined && !/^\d+$/.test(prefixText))) return null;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

export type SignUpVerdict = { verdict: 'allow' } | { verdict: 'approval' | 'block'; by: SignUpBlockKind };

/** What the blocks in force say about a sign-up from `ip` with `email`: the strictest one wins. */
export async function signUpVerdict(store: ReadModelStore, input: { email: string; ip: string | null; now: Date }): Promise<SignUpVerdict> {
  const blocks = (await signUpBlocksCollection(store).find()).filter((b) => !b.expiresAt || Date.parse(b.expiresAt) > input.now.getTime());
  const domain = input.email.trim().toLowerCase().split('@').pop() ?? '';
  // a block of example.com covers mail.example.com too
  const domains = domain.split('.').map((_, i, parts) => parts.slice(i).join('.'));
  const hash = canonicalEmailHash(input.email);
  const matching = blocks.filter((block) => {
    if (block.kind === 'email_domain') return domains.includes(block.value);
    if (block.kind === 'canonical_email') return block.value === hash;
    return input.ip !== null && ipMatches(block.value, input.ip);
  });
  const blocking = matching.find((b) => b.severity !== 'sign_up_requires_approval');
  if (blocking) return { verdict: 'block', by: blocking.kind };
  return matching[0] ? { verdict: 'approval', by: matching[0].kind } : { verdict: 'allow' };
}

/** Whether the address falls in the range (IPv4-mapped IPv6 addresses count as IPv4). */
export function ipMatches(range: string, ip: string): boolean {
  const parsed = parseIpRange(range);
  const address = ip.replace(/^::ffff:(?=\d+\.)/, '');
  const family = isIP(address) === 4 ? 'ipv4' : isIP(address) === 6 ? 'ipv6' : null;
  if (!parsed || !family || family !== parsed.family) return false;
  const list = new BlockList();
  list.addSubnet(parsed.address, parsed.prefix, parsed.family);
  return list.check(address, family);
}
