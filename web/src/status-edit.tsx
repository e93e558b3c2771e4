import { useEffect, useState } from 'preact/hooks';
import { type Status, api } from './api.ts';

/**
 * Edits the user's own post in place (PUT /api/v1/statuses/:id) from its source text. The
 * attachments stay (no media_ids); an open poll is sent again as it is, since an edit
 * without one drops it, with the time it has left.
 */
export function StatusEdit({ status, onSaved, onCancel }: { status: Status; onSaved: (s: Status) => void; onCancel: () => void }) {
  const [source, setSource] = useState<{ text: string; spoiler_text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<{ text: string; spoiler_text: string }>(`/api/v1/statuses/${status.id}/source`).then(setSource, (e: Error) => setError(e.message));
  }, [status.id]);
  const save = async (event: Event) => {
    event.preventDefault();
    if (!source) return;
    const poll = status.poll;
    const left = poll?.expires_at ? Math.max(300, Math.round((new Date(poll.expires_at).getTime() - Date.now()) / 1000)) : 86_400;
    const body = { status: source.text, spoiler_text: source.spoiler_text, ...(poll && { poll: { options: poll.options.map((o) => o.title), multiple: poll.multiple, expires_in: left } }) };
    try {
      onSaved(await api<Status>(`/api/v1/statuses/${status.id}`, { method: 'PUT', body }));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const id = `edit-${status.id}`;
  return (
    <form class="stack status-edit" onSubmit={save} aria-label="Edit post">
      {source && (
        <>
          <label for={`${id}-cw`}>Content warning</label>
          <input id={`${id}-cw`} type="text" value={source.spoiler_text} onInput={(e) => setSource({ ...source, spoiler_text: e.currentTarget.value })} />
          <label for={`${id}-text`}>Text</label>
          <textarea id={`${id}-text`} rows={4} value={source.text} onInput={(e) => setSource({ ...source, text: e.currentTarget.value })} />
          <div class="row">
            <button type="submit" class="primary">
              Save edit
            </button>
            <button type="button" onClick={onCancel}>
              Cancel edit
            </button>
          </div>
        </>
      )}
      {error && <p role="alert" class="error">{error}</p>}
    </form>
  );
}
