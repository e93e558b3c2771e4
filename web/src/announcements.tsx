import { useEffect, useState } from 'preact/hooks';
import { api } from './api.ts';
import { sanitize } from './sanitize.ts';
import { listen } from './streaming.ts';
import { attempt } from './feedback.tsx';

interface Reaction {
  name: string;
  count: number;
  me: boolean;
  url?: string | null;
}
interface Announcement {
  id: string;
  content: string;
  published_at: string;
  read: boolean;
  reactions: Reaction[];
}

/** The reactions one may add beside those already there (any emoji works; these are a start). */
const PICKS = ['👍', '❤️', '🎉', '😂', '😮', '🙏'];
const format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** An announcement with one reaction's count as the stream tells it (the reader's own mark kept). */
function withCount(announcement: Announcement, name: string, count: number): Announcement {
  const current = announcement.reactions.find((r) => r.name === name);
  if (count <= 0) return { ...announcement, reactions: announcement.reactions.filter((r) => r.name !== name) };
  if (current) return { ...announcement, reactions: announcement.reactions.map((r) => (r.name === name ? { ...r, count } : r)) };
  return { ...announcement, reactions: [...announcement.reactions, { name, count, me: false }] };
}

/**
 * The server's announcements above the home timeline: react with an emoji (again to take it
 * back), dismiss once read. Live on the user stream: new, changed, deleted, reaction counts.
 */
export function Announcements() {
  const [items, setItems] = useState<Announcement[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    api<Announcement[]>('/api/v1/announcements').then(setItems, (e: Error) => setError(e.message));
  }, [reloads]);
  useEffect(
    () =>
      listen('user', (event, payload) => {
        if (event === 'announcement') {
          const a = payload as Announcement;
          setItems((current) => [...current.filter((c) => c.id !== a.id), a]);
        }
        if (event === 'announcement.delete') setItems((current) => current.filter((c) => c.id !== String(payload)));
        if (event === 'announcement.reaction') {
          const r = payload as { name: string; count: number; announcement_id: string };
          setItems((current) => current.map((a) => (a.id === r.announcement_id ? withCount(a, r.name, r.count) : a)));
        }
        if (event === 'connected') setReloads((n) => n + 1);
      }),
    [],
  );
  const run = (action: () => Promise<void>) => attempt(setError, action);
  const react = (a: Announcement, name: string) => {
    const mine = a.reactions.some((r) => r.name === name && r.me);
    return run(async () => {
      await api(`/api/v1/announcements/${a.id}/reactions/${encodeURIComponent(name)}`, { method: mine ? 'DELETE' : 'PUT' });
      // read again rather than count here: the stream's new count may come before or after this answer
      setReloads((n) => n + 1);
    });
  };
  const dismiss = (a: Announcement) =>
    run(async () => {
      await api(`/api/v1/announcements/${a.id}/dismiss`, { method: 'POST' });
      setItems((current) => current.map((c) => (c.id === a.id ? { ...c, read: true } : c)));
    });
  const unread = items.filter((a) => !a.read);
  if (unread.length === 0 && !error) return null;
  return (
    <section class="announcements" aria-labelledby="announcements-title">
      <h2 id="announcements-title">Announcements</h2>
      {error && <p role="alert" class="error">{error}</p>}
      {unread.map((a) => (
        <article key={a.id} class="item" aria-label={`Announcement of ${format.format(new Date(a.published_at))}`}>
          <div class="content" dangerouslySetInnerHTML={{ __html: sanitize(a.content) }} />
          <div class="actions" role="group" aria-label="Reactions">
            {a.reactions.map((r) => (
              <button key={r.name} type="button" aria-pressed={r.me} aria-label={`${r.name} ${r.count}`} onClick={() => react(a, r.name)}>
                {r.url ? <img src={r.url} alt={r.name} width={18} height={18} /> : r.name} {r.count}
              </button>
            ))}
            <details class="status-menu">
              <summary>Add reaction</summary>
              <div class="menu">
                {PICKS.filter((p) => !a.reactions.some((r) => r.name === p)).map((p) => (
                  <button key={p} type="button" aria-label={`React with ${p}`} onClick={(e) => (react(a, p), (e.currentTarget.closest('details') as HTMLDetailsElement).open = false)}>
                    {p}
                  </button>
                ))}
              </div>
            </details>
            <button type="button" onClick={() => dismiss(a)}>
              Dismiss
            </button>
          </div>
        </article>
      ))}
    </section>
  );
}
