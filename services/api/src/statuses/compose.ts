import { ValidationError } from '@strata/kernel';
import type { ReadModelStore } from '@strata/read-models';
import { extractHashtags, extractMentions, statusLength } from '@strata/text';
import { findAccountByAcct, findLocalAccountByUsername } from '@strata/views';

/** What a status text refers to, checked before anything is written. */
/** Finds a remote `user@domain` this server does not know yet (WebFinger); null when it cannot. */
export type ResolveHandle = (handle: string) => Promise<string | null>;

export async function composeText(store: ReadModelStore, localDomain: string, text: string, spoilerText: string, maxChars: number, hasMedia = false, resolveHandle?: ResolveHandle) {
  const body = text.replace(/\r\n?/g, '\n');
  // a status of pictures only needs no text
  if (!body.trim() && !hasMedia) {
    throw new ValidationError("Validation failed: Text can't be blank", { text: [{ error: 'ERR_BLANK', description: "can't be blank" }] });
  }
  if (statusLength(body) + [...spoilerText].length > maxChars) {
    throw new ValidationError(`Validation failed: Text character limit of ${maxChars} exceeded`, {
      text: [{ error: 'ERR_TOO_LONG', description: `character limit of ${maxChars} exceeded` }],
    });
  }
  const mentioned: string[] = [];
  for (const ref of extractMentions(body)) {
    if (ref.domain && ref.domain.toLowerCase() !== localDomain) {
      // a remote account is looked up on its server the first time it is mentioned; one not found stays text
      const handle = `${ref.username}@${ref.domain}`;
      const known = await findAccountByAcct(store, handle, localDomain);
      const id = known ? (known.suspended ? null : known.id) : await resolveHandle?.(handle);
      if (id) mentioned.push(id);
      continue;
    }
    const account = await findLocalAccountByUsername(store, ref.username);
    if (account?.approved) mentioned.push(account.id);
  }
  return { text: body, spoilerText, tags: extractHashtags(body), mentionedAccountIds: [...new Set(mentioned)] };
}
