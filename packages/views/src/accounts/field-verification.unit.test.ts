import { describe, expect, it } from 'vitest';
import { keepVerifications, markVerified } from './field-verification.ts';

const field = (name: string, value: string, verifiedAt?: string) => ({ name, value, valueHtml: value, ...(verifiedAt && { verifiedAt }) });

describe('profile field verification in the accounts read model', () => {
  it('marks the field of the verified name and value, keeping the first mark', () => {
    const fields = [field('Site', 'https://a.example/'), field('Blog', 'https://b.example/')];
    const marked = markVerified(fields, { name: 'Blog', value: 'https://b.example/' }, '2026-01-01T00:00:00.000Z');
    expect(marked).toEqual([field('Site', 'https://a.example/'), field('Blog', 'https://b.example/', '2026-01-01T00:00:00.000Z')]);
    expect(markVerified(marked, { name: 'Blog', value: 'https://b.example/' }, '2026-02-01T00:00:00.000Z')).toEqual(marked);
  });

  it('marks nothing when the field changed since it was checked', () => {
    const fields = [field('Site', 'https://a.example/new')];
    expect(markVerified(fields, { name: 'Site', value: 'https://a.example/' }, '2026-01-01T00:00:00.000Z')).toEqual(fields);
  });

  it('keeps the mark of a value that stayed and drops that of a changed value', () => {
    const before = [field('Site', 'https://a.example/', '2026-01-01T00:00:00.000Z'), field('Blog', 'https://b.example/', '2026-01-02T00:00:00.000Z')];
    const after = keepVerifications(before, [field('Home', 'https://a.example/'), field('Blog', 'https://b.example/moved')]);
    expect(after).toEqual([field('Home', 'https://a.example/', '2026-01-01T00:00:00.000Z'), field('Blog', 'https://b.example/moved')]);
  });
});
