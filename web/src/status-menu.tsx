import { useRef, useState } from 'preact/hooks';
import { type Status, api } from './api.ts';
import { useApp } from './app-context.ts';
import type { Redraft } from './compose.tsx';

/**
 * The menu of the user's own post: edit, pin to the profile (anything but a direct message,
 * as the server allows), delete, and delete to write it again in the compose box.
 */
export function StatusMenu({ status, onChanged, onDeleted, onEdit }: { status: Status; onChanged: (s: Status) => void; onDeleted: () => void; onEdit?: () => void }) {
  const { redraft } = useApp();
  const [error, setError] = useState<string | null>(null);
  const menu = useRef<HTMLDetailsElement>(null);
  const run = async (action: () => Promise<void>) => {
    // the menu closes as its choice is made
    if (menu.current) menu.current.open = false;
    try {
      await action();
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const remove = (again: boolean) =>
    run(async () => {
      if (!confirm(again ? 'Delete this post and write it again?' : 'Delete this post?')) return;
      const deleted = await api<Redraft>(`/api/v1/statuses/${status.id}`, { method: 'DELETE' });
      onDeleted();
      if (again) redraft(deleted);
    });
  const pinnable = status.visibility !== 'direct';
  return (
    <details class="status-menu" ref={menu}>
      <summary>More</summary>
      <div class="menu" role="group" aria-label="Your post">
        {/* a post whose poll has ended is not edited: sending the poll again would open it again */}
        {onEdit && (
          <button type="button" onClick={onEdit}>
            Edit
          </button>
        )}
        {pinnable && (
          <button type="button" onClick={() => run(async () => onChanged(await api<Status>(`/api/v1/statuses/${status.id}/${status.pinned ? 'unpin' : 'pin'}`, { method: 'POST' })))}>
            {status.pinned ? 'Unpin from profile' : 'Pin on profile'}
          </button>
        )}
        <button type="button" onClick={() => remove(false)}>
          Delete
        </button>
        <button type="button" onClick={() => remove(true)}>
          Delete &amp; redraft
        </button>
      </div>
      {error && <p role="alert" class="error">{error}</p>}
    </details>
  );
}
