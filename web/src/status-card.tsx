import { useEffect, useState } from 'preact/hooks';
import { type Status, api } from './api.ts';
import { MediaGallery } from './media.tsx';
import { sanitize } from './sanitize.ts';
import { useApp } from './app-context.ts';
import { EditHistory } from './edit-history.tsx';
import { PollView } from './poll.tsx';
import { StatusEdit } from './status-edit.tsx';
import { StatusMenu } from './status-menu.tsx';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
export const nameOf = (account: Status['account']) => account.display_name.trim() || account.username;

/** One status with its actions; a boost shows the original and who boosted it; the user's filters hide or warn. */
export function StatusCard({ status: outer, onReply }: { status: Status; onReply?: (status: Status) => void }) {
  const [status, setStatus] = useState(outer.reblog ?? outer);
  const [error, setError] = useState<string | null>(null);
  const [shownAnyway, setShownAnyway] = useState(false);
  const [editing, setEditing] = useState(false);
  const [deleted, setDeleted] = useState(false);
  const { me } = useApp();
  useEffect(() => setStatus(outer.reblog ?? outer), [outer]);
  const own = me !== null && status.account.id === me.id;
  const filters = status.filtered ?? [];
  const toggle = async (action: 'favourite' | 'reblog' | 'bookmark', on: boolean) => {
    try {
      const updated = await api<Status>(`/api/v1/statuses/${status.id}/${on ? action : `un${action}`}`, { method: 'POST' });
      setStatus(updated.reblog ?? updated);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  if (deleted || filters.some((f) => f.filter.filter_action === 'hide')) return null;
  const warnings = filters.filter((f) => f.filter.filter_action === 'warn');
  if (warnings.length > 0 && !shownAnyway) {
    return (
      <div class="filtered" role="note">
        Filtered: {warnings.map((f) => f.filter.title).join(', ')}{' '}
        <button type="button" class="link" onClick={() => setShownAnyway(true)}>
          Show anyway
        </button>
      </div>
    );
  }
  const blurred = filters.some((f) => f.filter.filter_action === 'blur');
  const content = (
    <>
      <div class="content" dangerouslySetInnerHTML={{ __html: sanitize(status.content) }} />
      <MediaGallery media={status.media_attachments ?? []} hidden={status.sensitive || blurred} reason={blurred ? 'Filtered media' : 'Sensitive media'} />
      {status.poll && <PollView poll={status.poll} own={own} statusId={status.id} />}
    </>
  );
  return (
    <article class="status" tabIndex={0} aria-label={`Post by ${nameOf(status.account)}`}>
      {outer.reblog && <p class="boosted">{nameOf(outer.account)} boosted</p>}
      <img class="avatar" src={status.account.avatar} alt="" width={44} height={44} />
      <div class="body">
        <p class="meta">
          <a class="name" href={`/web/@${status.account.acct}`}>{nameOf(status.account)}</a> <span class="handle">@{status.account.acct}</span>
          {' · '}
          <a href={`/web/statuses/${status.id}`} data-hotkey="o"><time dateTime={status.created_at}>{when.format(new Date(status.created_at))}</time></a>
          {status.visibility !== 'public' && <span class="handle"> · {status.visibility}</span>}
          {status.pinned && <span class="handle"> · pinned</span>}
        </p>
        {status.edited_at && !editing && <EditHistory key={status.edited_at} id={status.id} editedAt={status.edited_at} />}
        {editing ? (
          <StatusEdit status={status} onSaved={(s) => (setStatus(s), setEditing(false))} onCancel={() => setEditing(false)} />
        ) : status.spoiler_text ? (
          <details>
            <summary>{status.spoiler_text}</summary>
            {content}
          </details>
        ) : (
          content
        )}
        <div class="actions" role="group" aria-label="Actions">
          {onReply && (
            <button type="button" data-hotkey="r" onClick={() => onReply(status)}>
              ↩ Reply <span>{status.replies_count}</span>
            </button>
          )}
          {(status.visibility === 'public' || status.visibility === 'unlisted') && (
            <button type="button" data-hotkey="b" aria-pressed={status.reblogged} onClick={() => toggle('reblog', !status.reblogged)}>
              ⟳ {status.reblogged ? 'Boosted' : 'Boost'} <span>{status.reblogs_count}</span>
            </button>
          )}
          <button type="button" data-hotkey="f" aria-pressed={status.favourited} onClick={() => toggle('favourite', !status.favourited)}>
            ★ {status.favourited ? 'Favourited' : 'Favourite'} <span>{status.favourites_count}</span>
          </button>
          <button type="button" aria-pressed={status.bookmarked} onClick={() => toggle('bookmark', !status.bookmarked)}>
            ⚑ {status.bookmarked ? 'Bookmarked' : 'Bookmark'}
          </button>
          {own && !editing && <StatusMenu status={status} onChanged={(s) => setStatus(s)} onDeleted={() => setDeleted(true)} onEdit={status.poll?.expired ? undefined : () => setEditing(true)} />}
        </div>
        {error && <p role="alert" class="error">{error}</p>}
      </div>
    </article>
  );
}
