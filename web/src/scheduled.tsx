import { useEffect, useState } from 'preact/hooks';
import { type MediaAttachment, type Visibility, api, apiPage } from './api.ts';
import { attempt } from './feedback.tsx';

/** Mastodon's ScheduledStatus: the parameters the post will be made with, and when. */
export interface ScheduledStatus {
  id: string;
  scheduled_at: string;
  params: { text: string; spoiler_text: string | null; visibility: Visibility; poll: { options: string[] } | null; in_reply_to_id: string | null };
  media_attachments: MediaAttachment[];
}

const format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
export const scheduledLabel = (at: string) => format.format(new Date(at));

/** A date for a datetime-local input, in the browser's time zone. */
const localInput = (date: Date) => new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/** When to post: a local date and time at least the server's lead ahead. */
export function Schedule({ value, onChange, lead }: { value: string; onChange: (v: string) => void; lead: number }) {
  const earliest = localInput(new Date(Date.now() + (lead + 60) * 1000));
  return (
    <div class="stack">
      <label for="compose-schedule">Post at (your time)</label>
      <input id="compose-schedule" type="datetime-local" min={earliest} value={value} onInput={(e) => onChange(e.currentTarget.value)} />
    </div>
  );
}

function ScheduledItem({ item, onCancelled, onMoved }: { item: ScheduledStatus; onCancelled: () => void; onMoved: (s: ScheduledStatus) => void }) {
  const [at, setAt] = useState(localInput(new Date(item.scheduled_at)));
  const [error, setError] = useState<string | null>(null);
  const run = (action: () => Promise<void>) => attempt(setError, action);
  const label = `Scheduled post for ${scheduledLabel(item.scheduled_at)}`;
  return (
    <li class="item" aria-label={label}>
      <p class="meta">
        <strong>{scheduledLabel(item.scheduled_at)}</strong> <span class="handle">· {item.params.visibility}</span>
      </p>
      {item.params.spoiler_text && <p class="handle">CW: {item.params.spoiler_text}</p>}
      <p class="scheduled-text">{item.params.text}</p>
      {item.params.poll && <p class="handle">Poll: {item.params.poll.options.join(' / ')}</p>}
      {item.media_attachments.length > 0 && (
        <p class="handle">
          {item.media_attachments.length} attachment{item.media_attachments.length === 1 ? '' : 's'}
        </p>
      )}
      <div class="compose-bar">
        <label class="visually-hidden" for={`move-${item.id}`}>
          New time for this post
        </label>
        <input id={`move-${item.id}`} type="datetime-local" value={at} onInput={(e) => setAt(e.currentTarget.value)} />
        <button type="button" onClick={() => run(async () => onMoved(await api<ScheduledStatus>(`/api/v1/scheduled_statuses/${item.id}`, { method: 'PUT', body: { scheduled_at: new Date(at).toISOString() } })))}>
          Move
        </button>
        <button type="button" onClick={() => run(async () => (await api(`/api/v1/scheduled_statuses/${item.id}`, { method: 'DELETE' }), onCancelled()))}>
          Cancel post
        </button>
      </div>
      {error && <p role="alert" class="error">{error}</p>}
    </li>
  );
}

/** The user's posts waiting for their time: move one, or cancel it. */
export function ScheduledPosts() {
  const [items, setItems] = useState<ScheduledStatus[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    apiPage<ScheduledStatus>('/api/v1/scheduled_statuses?limit=40').then(
      (page) => setItems(page.items),
      (e: Error) => setError(e.message),
    );
  }, []);
  const sorted = [...(items ?? [])].sort((a, b) => a.scheduled_at.localeCompare(b.scheduled_at));
  return (
    <section aria-labelledby="scheduled-title">
      <h1 id="scheduled-title">Scheduled posts</h1>
      {error && <p role="alert" class="error">{error}</p>}
      {items && items.length === 0 && <p class="empty">No scheduled posts.</p>}
      <ul class="plain" aria-busy={items === null}>
        {sorted.map((item) => (
          <ScheduledItem
            key={item.id}
            item={item}
            onCancelled={() => setItems((current) => (current ?? []).filter((s) => s.id !== item.id))}
            onMoved={(moved) => setItems((current) => (current ?? []).map((s) => (s.id === moved.id ? moved : s)))}
          />
        ))}
      </ul>
    </section>
  );
}
