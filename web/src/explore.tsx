import { useEffect, useState } from 'preact/hooks';
import { type Status, api } from './api.ts';
import { StatusCard } from './status-card.tsx';
import { Timeline } from './timeline.tsx';
import { attempt } from './feedback.tsx';

interface History {
  day: string;
  uses: string;
  accounts: string;
}
interface TrendingTag {
  name: string;
  history: History[];
  following?: boolean;
}
interface TrendingLink {
  url: string;
  title: string;
  description: string;
  provider_name: string;
  image: string | null;
  history: History[];
}

const TABS = [
  ['posts', 'Posts'],
  ['tags', 'Hashtags'],
  ['links', 'News'],
] as const;
export type ExploreTab = (typeof TABS)[number][0];

/** People talking about it over the last days (Mastodon's trends history, newest day first). */
const talking = (history: History[]) => {
  const people = history.slice(0, 2).reduce((sum, day) => sum + Number(day.accounts), 0);
  return `${people} ${people === 1 ? 'person' : 'people'} in the past days`;
};

function TrendList<T>({ path, render, empty }: { path: string; render: (item: T) => preact.JSX.Element; empty: string }) {
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setItems(null);
    api<T[]>(path).then(setItems, (e: Error) => setError(e.message));
  }, [path]);
  if (error) return <p role="alert" class="error">{error}</p>;
  if (!items) return <p aria-busy="true">Loading…</p>;
  if (items.length === 0) return <p class="empty">{empty}</p>;
  return <>{items.map(render)}</>;
}

/** What is trending on the server, as its moderators reviewed it: posts, hashtags and links. */
export function Explore({ tab, onReply }: { tab: ExploreTab; onReply: (s: Status) => void }) {
  return (
    <section aria-labelledby="explore-title">
      <h1 id="explore-title">Explore</h1>
      <nav aria-label="Trends" class="tabs">
        {TABS.map(([key, label]) => (
          <a key={key} href={key === 'posts' ? '/web/explore' : `/web/explore/${key}`} aria-current={tab === key ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </nav>
      {tab === 'posts' && <TrendList<Status> path="/api/v1/trends/statuses" empty="No trending posts yet." render={(s) => <StatusCard key={s.id} status={s} onReply={onReply} />} />}
      {tab === 'tags' && (
        <ul class="plain">
          <TrendList<TrendingTag>
            path="/api/v1/trends/tags"
            empty="No trending hashtags yet."
            render={(t) => (
              <li key={t.name} class="item">
                <a href={`/web/tags/${encodeURIComponent(t.name)}`}>#{t.name}</a> <span class="handle">· {talking(t.history)}</span>
              </li>
            )}
          />
        </ul>
      )}
      {tab === 'links' && (
        <ul class="plain">
          <TrendList<TrendingLink>
            path="/api/v1/trends/links"
            empty="No trending links yet."
            render={(l) => (
              <li key={l.url} class="item link-card">
                <a href={l.url} target="_blank" rel="noopener noreferrer">
                  {l.title || l.url}
                </a>
                <p class="handle">
                  {l.provider_name || new URL(l.url).hostname} · {talking(l.history)}
                </p>
                {l.description && <p>{l.description}</p>}
                <a href={`/web/links?url=${encodeURIComponent(l.url)}`}>Posts about this link</a>
              </li>
            )}
          />
        </ul>
      )}
    </section>
  );
}

/** A hashtag's public posts, live, with following the tag into the home timeline. */
export function TagTimeline({ tag, onReply }: { tag: string; onReply: (s: Status) => void }) {
  const [info, setInfo] = useState<TrendingTag | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<TrendingTag>(`/api/v1/tags/${encodeURIComponent(tag)}`).then(setInfo, () => setInfo(null));
  }, [tag]);
  const follow = async () => {
    await attempt(setError, async () => {
      setInfo(await api<TrendingTag>(`/api/v1/tags/${encodeURIComponent(tag)}/${info?.following ? 'unfollow' : 'follow'}`, { method: 'POST' }));
    });
  };
  const source = { key: `tag-${tag}`, title: `#${tag}`, path: `/api/v1/timelines/tag/${encodeURIComponent(tag)}`, stream: { name: 'hashtag', params: { tag } } };
  return (
    <>
      {info && (
        <p class="row">
          <button type="button" aria-pressed={Boolean(info.following)} onClick={follow}>
            {info.following ? `Unfollow #${tag}` : `Follow #${tag}`}
          </button>
        </p>
      )}
      {error && <p role="alert" class="error">{error}</p>}
      <Timeline key={source.key} source={source} onReply={onReply} />
    </>
  );
}

/** Public posts that share a trending link. */
export function LinkTimeline({ url, onReply }: { url: string; onReply: (s: Status) => void }) {
  const source = { key: `link-${url}`, title: 'Posts about this link', path: `/api/v1/timelines/link?url=${encodeURIComponent(url)}` };
  return <Timeline key={source.key} source={source} onReply={onReply} />;
}
