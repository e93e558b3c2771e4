import type { ReadModelStore } from '@strata/read-models';
import { type QuoteDoc, type QuotePolicyDoc, type StatusDoc, type ViewerRelations, effectiveQuotePolicies, quotesCollection, statusesCollection } from '@strata/views';

type QuotePolicy = QuotePolicyDoc['quotePolicy'];

/** The quotes around a page of statuses, loaded in a few batches: what they quote, and their policies and counts. */
export interface QuoteContext {
  /** By quoting status id. */
  quotes: Map<string, QuoteDoc>;
  /** The statuses quoted (shown inside the quoting ones as far as the viewer may see them). */
  quoted: Map<string, StatusDoc>;
  policies: Map<string, QuotePolicy>;
  counts: Map<string, number>;
}

export async function loadQuoteContext(store: ReadModelStore, docs: StatusDoc[]): Promise<QuoteContext> {
  const own = docs.filter((d) => !d.reblogOfId);
  const quotes = new Map((await quotesCollection(store).getMany(own.map((d) => d.id))).map((q) => [q.id, q]));
  const wanted = [...quotes.values()].filter((q) => q.state === 'accepted').map((q) => q.quotedStatusId);
  const quoted = new Map((await statusesCollection(store).getMany([...new Set(wanted)])).map((d) => [d.id, d]));
  // a quoted status shows its own quote only as a reference (ShallowQuote)
  for (const q of await quotesCollection(store).getMany([...quoted.keys()].filter((id) => !quotes.has(id)))) quotes.set(q.id, q);
  const shown = [...own, ...quoted.values()];
  const policies = await effectiveQuotePolicies(store, shown);
  const counted = await quotesCollection(store).find({ where: { quotedStatusId: { $in: shown.map((d) => d.id) }, state: 'accepted' }, unordered: true });
  const counts = new Map<string, number>();
  for (const q of counted) counts.set(q.quotedStatusId, (counts.get(q.quotedStatusId) ?? 0) + 1);
  return { quotes, quoted, policies, counts };
}

/** Mastodon's QuoteApproval: who may quote the status, and what that means for this viewer. */
export function quoteApproval(policy: QuotePolicy, doc: StatusDoc, relations: ViewerRelations) {
  const viewer = relations.viewerId;
  const automatic = policy === 'public' ? ['public'] : policy === 'followers' ? ['followers'] : [];
  const allowed = viewer === doc.accountId || policy === 'public' || (policy === 'followers' && relations.following.has(doc.accountId));
  return { automatic, manual: [], current_user: viewer === null ? 'unknown' : allowed ? 'automatic' : 'denied' };
}

/** May this account quote the status (the same rule the policy announces)? */
export function mayQuote(policy: QuotePolicy, doc: StatusDoc, accountId: string, following: boolean): boolean {
  return accountId === doc.accountId || policy === 'public' || (policy === 'followers' && following);
}
