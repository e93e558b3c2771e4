import type { VerifiedFieldContent } from '@strata/contracts';

/** A profile field as the accounts read model keeps it; `verifiedAt` is set once its link was verified (rel=me). */
export interface AccountField {
  name: string;
  value: string;
  valueHtml: string;
  verifiedAt?: string | null;
}

/**
 * The fields after a verification: the field of that name and value gets its mark (the
 * first one stays when a link is verified again). A field renamed or changed since the
 * check gets none.
 */
export function markVerified(fields: AccountField[], verified: VerifiedFieldContent, verifiedAt: string): AccountField[] {
  return fields.map((field) =>
    field.name === verified.name && field.value === verified.value && !field.verifiedAt ? { ...field, verifiedAt } : field,
  );
}

/** The new fields of a rewritten profile keep the mark of a value that stayed (as Mastodon does); a changed value loses it. */
export function keepVerifications(previous: AccountField[], next: AccountField[]): AccountField[] {
  return next.map((field) => {
    const verifiedAt = previous.find((old) => old.value === field.value && old.verifiedAt)?.verifiedAt;
    return verifiedAt ? { ...field, verifiedAt } : field;
  });
}
