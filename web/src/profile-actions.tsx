import { useEffect, useState } from 'preact/hooks';
import { type Account, type Relationship, api } from './api.ts';
import type { List } from './lists.tsx';
import { Feedback, type Outcome } from './feedback.tsx';

/** Which of the user's lists hold this account; only someone followed can be put on a list. */
function ListMembership({ account }: { account: Account }) {
  const [lists, setLists] = useState<List[]>([]);
  const [member, setMember] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    Promise.all([api<List[]>('/api/v1/lists'), api<List[]>(`/api/v1/accounts/${account.id}/lists`)]).then(
      ([all, holding]) => (setLists(all), setMember(new Set(holding.map((l) => l.id)))),
      (e: Error) => setError(e.message),
    );
  }, [account.id]);
  const toggle = async (list: List, on: boolean) => {
    try {
      await api(`/api/v1/lists/${list.id}/accounts`, { method: on ? 'POST' : 'DELETE', body: { account_ids: [account.id] } });
      setMember((current) => {
        const next = new Set(current);
        if (on) next.add(list.id);
        else next.delete(list.id);
        return next;
      });
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <fieldset>
      <legend>Lists</legend>
      {lists.length === 0 && (
        <p class="empty">
          No lists yet: <a href="/web/lists">create one</a>.
        </p>
      )}
      {lists.map((l) => (
        <label key={l.id} class="check">
          <input type="checkbox" checked={member.has(l.id)} onChange={(e) => toggle(l, e.currentTarget.checked)} /> {l.title}
        </label>
      ))}
      {error && <p role="alert" class="error">{error}</p>}
    </fieldset>
  );
}

/** Mute, block, lists and a private note about someone else's account. */
export function ProfileActions({ account, relationship, onChange }: { account: Account; relationship: Relationship; onChange: (r: Relationship) => void }) {
  const [note, setNote] = useState(relationship.note);
  const [message, setMessage] = useState<Outcome>(null);
  const run = async (path: string, body?: unknown, done?: string) => {
    try {
      onChange(await api<Relationship>(`/api/v1/accounts/${account.id}/${path}`, { method: 'POST', body }));
      setMessage(done ? { ok: true, text: done } : null);
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message });
    }
  };
  return (
    <details class="profile-actions">
      <summary>More actions for @{account.acct}</summary>
      <div class="row">
        <button type="button" aria-pressed={relationship.muting} onClick={() => run(relationship.muting ? 'unmute' : 'mute')}>
          {relationship.muting ? 'Unmute' : 'Mute'}
        </button>
        <button type="button" aria-pressed={relationship.blocking} onClick={() => run(relationship.blocking ? 'unblock' : 'block')}>
          {relationship.blocking ? 'Unblock' : 'Block'}
        </button>
      </div>
      {relationship.following && <ListMembership account={account} />}
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void run('note', { comment: note }, 'Note saved.');
        }}
      >
        <label for="private-note">Private note (only you see it)</label>
        <textarea id="private-note" rows={2} maxLength={2000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        <button type="submit">Save note</button>
      </form>
      <Feedback outcome={message} />
    </details>
  );
}
