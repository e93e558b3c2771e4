import { useEffect, useState } from 'preact/hooks';
import { type Status, api } from './api.ts';
import { StatusCard } from './status-card.tsx';

/** A status with the part of its thread the user may see. */
export function Thread({ id, onReply }: { id: string; onReply: (s: Status) => void }) {
  const [thread, setThread] = useState<{ status: Status; ancestors: Status[]; descendants: Status[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    Promise.all([api<Status>(`/api/v1/statuses/${id}`), api<{ ancestors: Status[]; descendants: Status[] }>(`/api/v1/statuses/${id}/context`)]).then(
      ([status, context]) => setThread({ status, ...context }),
      (e: Error) => setError(e.message),
    );
  }, [id]);
  if (error) return <p role="alert" class="error">{error}</p>;
  if (!thread) return <p aria-busy="true">Loading…</p>;
  return (
    <section aria-labelledby="thread-title">
      <h1 id="thread-title">Thread</h1>
      {thread.ancestors.map((s) => (
        <StatusCard key={s.id} status={s} onReply={onReply} />
      ))}
      <div class="focus">
        <StatusCard status={thread.status} onReply={onReply} />
      </div>
      {thread.descendants.map((s) => (
        <StatusCard key={s.id} status={s} onReply={onReply} />
      ))}
    </section>
  );
}
