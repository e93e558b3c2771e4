import { useEffect, useState } from 'preact/hooks';
import { type Account, type Status, api } from './api.ts';
import { StatusCard, nameOf } from './status-card.tsx';
import { NOTIFICATIONS_READ, useNotified } from './streaming.ts';

const LABELS: Record<string, string> = {
  mention: 'mentioned you',
  reblog: 'boosted your post',
  favourite: 'favourited your post',
  follow: 'followed you',
  follow_request: 'asked to follow you',
  status: 'posted',
  update: 'edited a post',
  poll: 'ran a poll that has ended',
  quote: 'quoted your post',
  quoted_update: 'edited a post you quoted',
  'admin.sign_up': 'signed up',
  'admin.report': 'filed a report',
};

interface NotificationGroup {
  group_key: string;
  type: string;
  notifications_count: number;
  sample_account_ids: string[];
  status_id: string | null;
  most_recent_notification_id: string;
  latest_page_notification_at: string;
}

interface GroupedNotifications {
  accounts: Account[];
  statuses: Status[];
  notification_groups: NotificationGroup[];
}

/** "Ann", "Ann and Bob", "Ann, Bob and 3 others": who a group is from. */
function Who({ accounts, count }: { accounts: Account[]; count: number }) {
  const shown = accounts.slice(0, 2);
  const others = count - shown.length;
  return (
    <>
      {shown.map((a, i) => (
        <span key={a.id}>
          {i > 0 && (others > 0 ? ', ' : ' and ')}
          <a href={`/web/@${a.acct}`}>{nameOf(a)}</a>
        </span>
      ))}
      {others > 0 && ` and ${others} ${others === 1 ? 'other' : 'others'}`}
    </>
  );
}

/**
 * Grouped notifications (API v2): favourites and boosts of one post fold together; read
 * again as new ones stream in. Seeing them moves the notifications marker (the unread count).
 */
export function Notifications() {
  const [page, setPage] = useState<GroupedNotifications | null>(null);
  const [error, setError] = useState<string | null>(null);
  const arrived = useNotified('*');
  useEffect(() => {
    api<GroupedNotifications>('/api/v2/notifications')
      .then(async (found) => {
        setPage(found);
        const newest = found.notification_groups[0]?.most_recent_notification_id;
        if (newest) await api('/api/v1/markers', { method: 'POST', body: { notifications: { last_read_id: newest } } });
        dispatchEvent(new Event(NOTIFICATIONS_READ));
      })
      .catch((e: Error) => setError(e.message));
  }, [arrived]);
  const accounts = new Map(page?.accounts.map((a) => [a.id, a]));
  const statuses = new Map(page?.statuses.map((s) => [s.id, s]));
  const groups = page?.notification_groups ?? [];
  return (
    <section aria-labelledby="notifications-title">
      <h1 id="notifications-title">Notifications</h1>
      {error && <p role="alert" class="error">{error}</p>}
      {page && groups.length === 0 && <p class="empty">No notifications yet.</p>}
      <ul class="plain" aria-busy={!page}>
        {groups.map((g) => {
          const status = g.status_id ? statuses.get(g.status_id) : undefined;
          const from = g.sample_account_ids.flatMap((id) => accounts.get(id) ?? []);
          return (
            <li key={g.group_key} class="notification">
              <p>
                <Who accounts={from} count={Math.max(g.notifications_count, from.length)} /> {LABELS[g.type] ?? g.type}
              </p>
              {status && <StatusCard status={status} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
