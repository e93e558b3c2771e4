import { useState } from 'preact/hooks';
import { api } from './api.ts';
import { sanitize } from './sanitize.ts';

interface Revision {
  content: string;
  spoiler_text: string;
  created_at: string;
}

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** An edited post's earlier versions (GET /api/v1/statuses/:id/history), read when first opened. */
export function EditHistory({ id, editedAt }: { id: string; editedAt: string }) {
  const [revisions, setRevisions] = useState<Revision[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = (event: Event) => {
    if (!(event.currentTarget as HTMLDetailsElement).open || revisions) return;
    api<Revision[]>(`/api/v1/statuses/${id}/history`).then(
      (list) => setRevisions([...list].reverse()),
      (e: Error) => setError(e.message),
    );
  };
  return (
    <details class="edit-history" onToggle={load}>
      <summary>Edited {when.format(new Date(editedAt))}</summary>
      {error && <p role="alert" class="error">{error}</p>}
      <ol aria-busy={revisions === null}>
        {(revisions ?? []).map((r, i) => (
          <li key={r.created_at}>
            <p class="handle">
              {i === revisions!.length - 1 ? 'Posted' : 'Edited'} {when.format(new Date(r.created_at))}
            </p>
            {r.spoiler_text && <p class="handle">CW: {r.spoiler_text}</p>}
            <div class="content" dangerouslySetInnerHTML={{ __html: sanitize(r.content) }} />
          </li>
        ))}
      </ol>
    </details>
  );
}
