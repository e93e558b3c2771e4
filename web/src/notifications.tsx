import { useEffect, useState } from 'preact/hooks';
import { type Notification, api } from './api.ts';
import { StatusCard, nameOf } from './status-card.tsx';
import { listen } from './streaming.ts';

const LABELS: Record<string, string> = {
  mention: 'mentioned you',
  reblog: 'boosted your post',
  favourite: 'favourited your post',
  follow: 'followed you',
  follow_request: 'asked to follow you',
  status: 'posted',
  update: 'edited a post',
  'admin.sign_up': 'signed up',
  'admin.report': 'filed a report',
};

export function Notifications() {
  const [items, setItems] = useState<Notification[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<Notification[]>('/api/v1/notifications').then(setItems, (e: Error) => setError(e.message));
    return listen('user:notification', (event, payload) => {
      if (event === 'notification') setItems((current) => [payload as Notification, ...current.filter((n) => n.id !== (payload as Notification).id)]);
    });
  }, []);
  return (
    <section aria-labelledby="notifications-title">
      <h1 id="notifications-title">Notifications</h1>
      {error && <p role="alert" class="error">{error}</p>}
      {items.length === 0 && !error && <p class="empty">No notifications yet.</p>}
      <ul class="plain">
        {items.map((n) => (
          <li key={n.id} class="notification">
            <p>
              <a href={`/web/@${n.account.acct}`}>{nameOf(n.account)}</a> {LABELS[n.type] ?? n.type}
            </p>
            {n.status && <StatusCard status={n.status} />}
          </li>
        ))}
      </ul>
    </section>
  );
}
