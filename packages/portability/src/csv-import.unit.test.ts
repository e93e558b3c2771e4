import { describe, expect, it } from 'vitest';
import { ValidationError } from '@strata/kernel';
import { parseImport } from './csv-import.ts';

describe('reading import files', () => {
  it("reads Mastodon's following export, with or without its header, and older one-column files", () => {
    const withHeader = 'Account address,Show boosts,Notify on new posts,Languages\nbob@social.example,false,true,"en,de"\n';
    expect(parseImport('following', withHeader)).toEqual([{ acct: 'bob@social.example', reblogs: false, notify: true, languages: ['en', 'de'] }]);
    expect(parseImport('following', '@carol@other.example\n')).toEqual([{ acct: 'carol@other.example', reblogs: true, notify: false, languages: null }]);
  });

  it('reads lists, mutes, domain blocks and bookmarks in their columns', () => {
    expect(parseImport('lists', '"Work, mostly",bob@social.example\n')).toEqual([{ list: 'Work, mostly', acct: 'bob@social.example' }]);
    expect(parseImport('muting', 'Account address,Hide notifications\nerin@social.example,false\n')).toEqual([{ acct: 'erin@social.example', hideNotifications: false }]);
    expect(parseImport('domain_blocking', 'Spam.Example\n')).toEqual([{ domain: 'spam.example' }]);
    expect(parseImport('bookmarks', 'https://social.example/users/bob/statuses/1\n')).toEqual([{ uri: 'https://social.example/users/bob/statuses/1' }]);
  });

  it('refuses a file of another type or no CSV at all, naming the data field', () => {
    expect(() => parseImport('bookmarks', 'bob@social.example\n')).toThrow(ValidationError);
    expect(() => parseImport('lists', 'only-one-column\n')).toThrow(/Data is not a lists export/);
    expect(() => parseImport('blocking', '"unterminated\n')).toThrow(/Data is not a CSV file/);
  });
});
