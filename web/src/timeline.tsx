import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { type Status, apiPage } from './api.ts';
import { StatusCard } from './status-card.tsx';
import { listen } from './streaming.ts';

/** Where a timeline's pages come from, and the stream that keeps it live (none for bookmarks and favourites). */
export interface TimelineSource {
  key: string;
  title: string;
  path: string;
  stream?: { name: string; params?: Record<string, string> };
}

export const SOURCES = {
  home: { key: 'home', title: 'Home', path: '/api/v1/timelines/home', stream: { name: 'user' } },
  local: { key: 'local', title: 'Local', path: '/api/v1/timelines/public?local=true', stream: { name: 'public:local' } },
  federated: { key: 'federated', title: 'Federated', path: '/api/v1/timelines/public', stream: { name: 'public' } },
  bookmarks: { key: 'bookmarks', title: 'Bookmarks', path: '/api/v1/bookmarks' },
  favourites: { key: 'favourites', title: 'Favourites', path: '/api/v1/favourites' },
} satisfies Record<string, TimelineSource>;

export const listSource = (id: string, title: string): TimelineSource => ({ key: `list-${id}`, title, path: `/api/v1/timelines/list/${id}`, stream: { name: 'list', params: { list: id } } });

/** A timeline that fills live from the streaming API, with older pages on demand. */
export function Timeline({ source, onReply, posted, heading = 1, children }: { source: TimelineSource; onReply: (s: Status) => void; posted?: Status | null; heading?: 1 | 2; children?: ComponentChildren }) {
  const [statuses, setStatuses] = useState<Status[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [reloads, setReloads] = useState(0);
  const add = (status: Status) => setStatuses((current) => (current.some((s) => s.id === status.id) ? current : [status, ...current]));

  useEffect(() => {
    // a page that comes back after the screen moved on is dropped
    let current = true;
    setLoading(true);
    apiPage<Status>(source.path)
      .then((page) => {
        if (!current) return;
        setStatuses((live) => [...live.filter((s) => !page.items.some((p) => p.id === s.id)), ...page.items]);
        setNext(page.next);
        setError(null);
      })
      .catch((e: Error) => current && setError(e.message))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [source.key, reloads]);
  useEffect(() => {
    setStatuses([]);
    if (!source.stream) return;
    return listen(
      source.stream.name,
      (event, payload) => {
        if (event === 'update') add(payload as Status);
        if (event === 'status.update') setStatuses((current) => current.map((s) => (s.id === (payload as Status).id ? (payload as Status) : s)));
        if (event === 'delete') setStatuses((current) => current.filter((s) => s.id !== payload && s.reblog?.id !== payload));
        // the posts carry the filters that matched them: read them again under the new filters;
        // after a (re)connection, read what came while the stream was not there
        if (event === 'filters_changed' || event === 'connected') setReloads((n) => n + 1);
      },
      source.stream.params,
    );
  }, [source.key]);
  useEffect(() => {
    if (posted && source.key === 'home') add(posted);
  }, [posted]);

  const older = async () => {
    if (!next) return;
    const page = await apiPage<Status>(next);
    setStatuses((current) => [...current, ...page.items.filter((p) => !current.some((s) => s.id === p.id))]);
    setNext(page.next);
  };
  const Heading = heading === 1 ? 'h1' : 'h2';
  return (
    <section aria-labelledby={`timeline-${source.key}`}>
      <Heading id={`timeline-${source.key}`}>{source.title}</Heading>
      {children}
      {error && <p role="alert" class="error">{error}</p>}
      <div class="feed" aria-busy={loading}>
        {statuses.map((s) => (
          <StatusCard key={s.id} status={s} onReply={onReply} />
        ))}
      </div>
      {!loading && statuses.length === 0 && <p class="empty">Nothing here yet.</p>}
      {next && statuses.length >= 20 && (
        <button type="button" onClick={older}>
          Load older posts
        </button>
      )}
    </section>
  );
}
