import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Post, TAG, VIEWERS, VISIBILITIES, type Viewer, WORD, feedShows, sees } from './support/privacy-cast.ts';
import { type PrivacyWorld, buildPrivacyWorld } from './support/privacy-world.ts';
import { RawStreamClient, type StreamedMessage } from './support/stream-client.ts';

/**
 * The privacy matrix, streaming part: each viewer listens on the streams it may open
 * while the author posts a status of every visibility and deletes some; then a later
 * event that each stream must carry (a sentinel) proves the earlier ones had their
 * chance, and every status id a viewer received, as an update or a delete, must be one
 * the oracle lets it see.
 */
let w: PrivacyWorld;
const sockets: { viewer: Viewer; stream: string; client: RawStreamClient }[] = [];
const fresh: Post[] = [];
const streamable = VIEWERS.filter((v) => v !== 'suspended');

beforeAll(async () => {
  w = await buildPrivacyWorld();
  const base = `${w.strata.url.replace('http', 'ws')}/api/v1/streaming`;
  for (const viewer of streamable) {
    const token = viewer === 'anonymous' ? undefined : viewer === 'app' ? w.cast.appToken : w.cast.users[viewer]!.token;
    const streams = ['public', `hashtag&tag=${TAG}`, ...(token && viewer !== 'app' ? ['user', 'direct'] : []), ...(viewer === 'follower' ? [`list&list=${w.lists['follower']}`] : [])];
    for (const stream of streams) sockets.push({ viewer, stream, client: await RawStreamClient.connect(`${base}?stream=${stream}`, token ? { token } : {}) });
  }
  for (const visibility of VISIBILITIES) fresh.push(await w.post(`streamed-${visibility}`, 'author', visibility, `${WORD} #${TAG} streamed ${visibility} for @mentioned`));
  for (const gone of fresh.filter((p) => p.visibility === 'private' || p.visibility === 'direct')) await w.write('author', 'DELETE', `/api/v1/statuses/${gone.id}`);
  // the sentinels: a public post with the tag for the public streams, and one of each user's own for theirs
  const sentinel = await w.post('sentinel-public', 'booster', 'public', `sentinel #${TAG}`);
  const own = new Map<Viewer, string>();
  for (const viewer of streamable.filter((v) => v !== 'anonymous' && v !== 'app')) own.set(viewer, (await w.post(`sentinel-${viewer}`, viewer as Post['by'], 'direct', 'sentinel')).id);
  for (const { viewer, stream, client } of sockets) {
    const awaited = stream.startsWith('user') || stream.startsWith('direct') ? own.get(viewer)! : stream.startsWith('list') ? null : sentinel.id;
    if (awaited) await client.next((m) => m.event !== 'delete' && statusIdOf(m) === awaited, 10_000);
  }
}, 180_000);
afterAll(async () => {
  for (const { client } of sockets) client.close();
  await w?.stop();
});

function statusIdOf(message: StreamedMessage): string | undefined {
  if (!message.payload) return undefined;
  if (message.event === 'delete') return message.payload;
  const parsed = JSON.parse(message.payload) as { id: string; status?: { id: string }; last_status?: { id: string } };
  return message.event === 'notification' ? parsed.status?.id : message.event === 'conversation' ? parsed.last_status?.id : parsed.id;
}

describe('the privacy matrix: streaming', () => {
  it('streams updates only to those who may see them, in feeds only unmuted', () => {
    const wrong: string[] = [];
    for (const { viewer, stream, client } of sockets) {
      for (const message of client.messages.filter((m) => m.event === 'update' || m.event === 'conversation' || m.event === 'notification')) {
        const post = fresh.find((p) => p.id === statusIdOf(message));
        if (!post) continue;
        const allowed = message.event === 'update' ? feedShows(viewer, post, w.posts) : sees(viewer, post, w.posts);
        if (!allowed) wrong.push(`${viewer} got ${post.key} on ${stream} (${message.event})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('sends deletes only to those who could see the deleted status', () => {
    const wrong: string[] = [];
    for (const { viewer, stream, client } of sockets) {
      for (const message of client.messages.filter((m) => m.event === 'delete')) {
        const post = fresh.find((p) => p.id === message.payload);
        if (post && !sees(viewer, post, w.posts)) wrong.push(`${viewer} got the delete of ${post.key} on ${stream}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('does deliver what each may see', () => {
    const got = (viewer: Viewer, stream: string, key: string) =>
      sockets.filter((s) => s.viewer === viewer && s.stream.startsWith(stream)).some((s) => s.client.messages.some((m) => m.event === 'update' && statusIdOf(m) === w.posts.get(key)!.id));
    expect(got('follower', 'user', 'streamed-private')).toBe(true);
    expect(got('follower', 'list', 'streamed-private')).toBe(true);
    expect(got('mentioned', 'user', 'streamed-direct')).toBe(true);
    expect(got('anonymous', 'public', 'streamed-public')).toBe(true);
    expect(got('stranger', 'hashtag', 'streamed-public')).toBe(true);
    expect(got('muted', 'public', 'streamed-public')).toBe(false);
  });
});
