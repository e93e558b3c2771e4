import { useEffect, useState } from 'preact/hooks';
import { type Status, api } from './api.ts';
import { StatusCard } from './status-card.tsx';
import { listen } from './streaming.ts';

const SOURCES = {
  home: { title: 'Home', path: '/api/v1/timelines/home', stream: 'user' },
  local: { title: 'Local', path: '/api/v1/timelines/public?local=true', stream: 'public:local' },
  federated: { title: 'Federated', path: '/api/v1/timelines/public', stream: 'public' },
} as const;

/** A timeline that fills live from the streaming API, with older pages on demand. */
export function Timeline({ kind, onReply, posted }: { kind: keyof typeof SOURCES; onReply: (s: Status) => void; posted: Status | null }) {
  const source = SOURCES[kind];
  const [statuses, setStatuses] = useState<Status[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const add = (status: Status) => setStatuses((current) => (current.some((s) => s.id === status.id) ? current : [status, ...current]));

  useEffect(() => {
    setStatuses([]);
    setLoading(true);
    api<Status[]>(source.path)
      .then((page) => setStatuses((live) => [...live.filter((s) => !page.some((p) => p.id === s.id)), ...page]))
      .catch((e: Error) => setError(e.message))
      .finally(() => setLoading(false));
    return listen(source.stream, (event, payload) => {
      if (event === 'update') add(payload as Status);
      if (event === 'delete') setStatuses((current) => current.filter((s) => s.id !== payload && s.reblog?.id !== payload));
    });
  }, [kind]);
  useEffect(() => {
    if (posted && kind === 'home') add(posted);
  }, [posted]);

  const older = async () => {
    const last = statuses.at(-1);
    if (!last) return;
    const page = await api<Status[]>(`${source.path}${source.path.includes('?') ? '&' : '?'}max_id=${last.id}`);
    setStatuses((current) => [...current, ...page.filter((p) => !current.some((s) => s.id === p.id))]);
  };
  return (
    <section aria-labelledby="timeline-title">
      <h1 id="timeline-title">{source.title}</h1>
      {error && <p role="alert" class="error">{error}</p>}
      <div class="feed" aria-busy={loading}>
        {statuses.map((s) => (
          <StatusCard key={s.id} status={s} onReply={onReply} />
        ))}
      </div>
      {!loading && statuses.length === 0 && <p class="empty">Nothing here yet.</p>}
      {statuses.length >= 20 && (
        <button type="button" onClick={older}>
          Load older posts
        </button>
      )}
    </section>
  );
}
