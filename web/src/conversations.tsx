import { useEffect, useState } from 'preact/hooks';
import { type Account, type Status, api, apiPage } from './api.ts';
import { StatusCard, nameOf } from './status-card.tsx';
import { listen } from './streaming.ts';
import { attempt } from './feedback.tsx';

interface Conversation {
  id: string;
  unread: boolean;
  accounts: Account[];
  last_status: Status | null;
}

/** Direct messages: each conversation's latest post, unread ones marked, live over the direct stream. */
export function Conversations({ onReply }: { onReply: (s: Status) => void }) {
  const [items, setItems] = useState<Conversation[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    apiPage<Conversation>('/api/v1/conversations').then(
      (page) => (setItems(page.items), setNext(page.next)),
      (e: Error) => setError(e.message),
    );
  }, [reloads]);
  useEffect(
    () =>
      listen('direct', (event, payload) => {
        if (event === 'conversation') {
          const updated = payload as Conversation;
          setItems((current) => [updated, ...(current ?? []).filter((c) => c.id !== updated.id)]);
        }
        if (event === 'connected') setReloads((n) => n + 1);
      }),
    [],
  );
  const run = async (conversation: Conversation, action: 'read' | 'remove') => {
    await attempt(setError, async () => {
      if (action === 'read') {
        const read = await api<Conversation>(`/api/v1/conversations/${conversation.id}/read`, { method: 'POST' });
        setItems((current) => (current ?? []).map((c) => (c.id === read.id ? read : c)));
      } else {
        await api(`/api/v1/conversations/${conversation.id}`, { method: 'DELETE' });
        setItems((current) => (current ?? []).filter((c) => c.id !== conversation.id));
      }
    });
  };
  const older = async () => {
    if (!next) return;
    const page = await apiPage<Conversation>(next);
    setItems((current) => [...(current ?? []), ...page.items.filter((p) => !(current ?? []).some((c) => c.id === p.id))]);
    setNext(page.next);
  };
  return (
    <section aria-labelledby="conversations-title">
      <h1 id="conversations-title">Direct messages</h1>
      {error && <p role="alert" class="error">{error}</p>}
      {items && items.length === 0 && <p class="empty">No direct messages yet. A post with the visibility "Mentioned only" starts one.</p>}
      <ul class="plain" aria-busy={items === null}>
        {(items ?? []).map((c) => {
          const people = c.accounts.map(nameOf).join(', ') || 'Only you';
          return (
            <li key={c.id} class={`conversation${c.unread ? ' unread' : ''}`} aria-label={`Conversation with ${people}${c.unread ? ', unread' : ''}`}>
              <p class="meta">
                With <strong>{people}</strong>
                {c.unread && <span class="badge">unread</span>}
              </p>
              {c.last_status && <StatusCard status={c.last_status} onReply={onReply} />}
              <div class="row">
                {c.unread && (
                  <button type="button" onClick={() => run(c, 'read')}>
                    Mark as read
                  </button>
                )}
                <button type="button" onClick={() => run(c, 'remove')}>
                  Remove conversation
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      {next && (items?.length ?? 0) >= 20 && (
        <button type="button" onClick={older}>
          Load older conversations
        </button>
      )}
    </section>
  );
}
