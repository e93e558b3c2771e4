import type { Context } from '@fedify/fedify';
import { Application, Endpoints, Image, Person, PropertyValue, Service } from '@fedify/vocab';
import type { MediaStorage } from '@strata/media';
import type { ReadModelStore } from '@strata/read-models';
import type { AccountDoc } from '@strata/views';
import { profileUrlOf } from './actor-uris.ts';
import { instant } from '../temporal.ts';
import { emojiTagsOf } from '../outbox/emoji-tags.ts';

/**
 * A local account as an ActivityPub actor: a Person, or a Service for bots, at
 * `/users/:username`, with the collections and keys peers look for (as Mastodon serves them).
 */
export async function personOf(ctx: Context<unknown>, account: AccountDoc, deps: { readModels(): Promise<ReadModelStore>; media: MediaStorage }) {
  const identifier = account.username;
  const { media } = deps;
  const keys = await ctx.getActorKeyPairs(identifier);
  const texts = [account.displayName, account.note, ...account.fields.flatMap((field) => [field.name, field.value])];
  const values = {
    id: ctx.getActorUri(identifier),
    preferredUsername: account.username,
    name: account.displayName,
    summary: account.noteHtml,
    url: profileUrlOf(ctx, account.username),
    published: instant(account.createdAt),
    inbox: ctx.getInboxUri(identifier),
    endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
    outbox: ctx.getOutboxUri(identifier),
    followers: ctx.getFollowersUri(identifier),
    following: ctx.getFollowingUri(identifier),
    featured: ctx.getFeaturedUri(identifier),
    manuallyApprovesFollowers: account.locked,
    discoverable: account.discoverable,
    indexable: account.indexable,
    attachments: account.fields.map((field) => new PropertyValue({ name: field.name, value: field.valueHtml })),
    icon: account.avatarKey ? new Image({ url: new URL(media.url(account.avatarKey)), mediaType: 'image/webp' }) : null,
    image: account.headerKey ? new Image({ url: new URL(media.url(account.headerKey)), mediaType: 'image/webp' }) : null,
    publicKey: keys[0]?.cryptographicKey ?? null,
    assertionMethods: keys.map((key) => key.multikey),
    aliases: (account.alsoKnownAs ?? []).map((uri) => new URL(uri)),
    tags: await emojiTagsOf(ctx, deps, texts),
  };
  return account.bot ? new Service(values) : new Person(values);
}

/** The instance actor: an Application named after the domain that signs this server's fetches. */
export async function instanceActorOf(ctx: Context<unknown>, identifier: string, domain: string) {
  const keys = await ctx.getActorKeyPairs(identifier);
  return new Application({
    id: ctx.getActorUri(identifier),
    preferredUsername: domain,
    name: domain,
    url: new URL('/about', ctx.canonicalOrigin),
    inbox: ctx.getInboxUri(identifier),
    outbox: ctx.getOutboxUri(identifier),
    endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
    manuallyApprovesFollowers: true,
    publicKey: keys[0]?.cryptographicKey ?? null,
    assertionMethods: keys.map((key) => key.multikey),
  });
}
