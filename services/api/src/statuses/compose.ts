import { ValidationError } from '@strata/kernel';
import type { ReadModelStore } from '@strata/read-models';
import { extractHashtags, extractMentions, statusLength } from '@strata/text';
import { findLocalAccountByUsername } from '@strata/views';

/** What a status text refers to, checked before anything is written. */
export async function composeText(store: ReadModelStore, localDomain: string, text: string, spoilerText: string, maxChars: number, hasMedia = false) {
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
    // only accounts of this server can be resolved until federation lands; others stay text
    if (ref.domain && ref.domain !== localDomain) continue;
    const account = await findLocalAccountByUsername(store, ref.username);
    if (account?.approved) mentioned.push(account.id);
  }
  return { text: body, spoilerText, tags: extractHashtags(body), mentionedAccountIds: [...new Set(mentioned)] };
}
