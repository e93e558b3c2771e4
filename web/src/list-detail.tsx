import { useEffect, useState } from 'preact/hooks';
import { type Account, type Status, api } from './api.ts';
import { type List, ListOptions } from './lists.tsx';
import { navigate } from './router.ts';
import { nameOf } from './status-card.tsx';
import { Timeline, listSource } from './timeline.tsx';
import { attempt } from './feedback.tsx';

/** Members of a list: remove them, or find people you follow to add. */
function Members({ list }: { list: List }) {
  const [members, setMembers] = useState<Account[]>([]);
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Account[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<Account[]>(`/api/v1/lists/${list.id}/accounts`).then(setMembers, (e: Error) => setError(e.message));
  }, [list.id]);
  const change = async (account: Account, add: boolean) => {
    await attempt(setError, async () => {
      await api(`/api/v1/lists/${list.id}/accounts`, { method: add ? 'POST' : 'DELETE', body: { account_ids: [account.id] } });
      setMembers((current) => (add ? [...current, account] : current.filter((m) => m.id !== account.id)));
    });
  };
  const search = async (event: Event) => {
    event.preventDefault();
    setFound(await api<Account[]>(`/api/v1/accounts/search?q=${encodeURIComponent(q)}&following=true&limit=10`).catch(() => []));
  };
  return (
    <>
      <h2>Members</h2>
      {members.length === 0 && <p class="empty">No one on this list yet.</p>}
      <ul class="plain" aria-label="Members">
        {members.map((m) => (
          <li key={m.id} class="row">
            <a href={`/web/@${m.acct}`}>{nameOf(m)}</a> <span class="handle">@{m.acct}</span>
            <button type="button" onClick={() => change(m, false)} aria-label={`Remove @${m.acct}`}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form role="search" class="row" onSubmit={search}>
        <label for="member-q" class="visually-hidden">
          Find people you follow
        </label>
        <input id="member-q" type="search" placeholder="Find people you follow" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        <button type="submit">Find</button>
      </form>
      <ul class="plain" aria-label="People you follow">
        {found
          .filter((a) => !members.some((m) => m.id === a.id))
          .map((a) => (
            <li key={a.id} class="row">
              {nameOf(a)} <span class="handle">@{a.acct}</span>
              <button type="button" onClick={() => change(a, true)} aria-label={`Add @${a.acct}`}>
                Add
              </button>
            </li>
          ))}
      </ul>
      {error && <p role="alert" class="error">{error}</p>}
    </>
  );
}

/** One list: its live timeline, its settings (rename, replies, exclusive), members, and deleting it. */
export function ListDetail({ id, onReply }: { id: string; onReply: (s: Status) => void }) {
  const [list, setList] = useState<List | null>(null);
  const [draft, setDraft] = useState<List | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<List>(`/api/v1/lists/${id}`).then((l) => (setList(l), setDraft(l)), (e: Error) => setError(e.message));
  }, [id]);
  if (!list || !draft) return error ? <p role="alert" class="error">{error}</p> : <p aria-busy="true">Loading…</p>;
  const save = async (event: Event) => {
    event.preventDefault();
    await attempt(setError, async () => {
      const saved = await api<List>(`/api/v1/lists/${id}`, { method: 'PUT', body: { title: draft.title, replies_policy: draft.replies_policy, exclusive: draft.exclusive } });
      setList(saved);
    });
  };
  const remove = async () => {
    if (!confirm(`Delete the list “${list.title}”?`)) return;
    await api(`/api/v1/lists/${id}`, { method: 'DELETE' }).then(() => navigate('/web/lists'), (e: Error) => setError(e.message));
  };
  return (
    <div>
      <h1>{list.title}</h1>
      <details>
        <summary>List settings</summary>
        <form class="stack" onSubmit={save}>
          <label for="list-rename">Title</label>
          <input id="list-rename" type="text" required maxLength={200} value={draft.title} onInput={(e) => setDraft({ ...draft, title: e.currentTarget.value })} />
          <ListOptions id="list-policy" value={draft} onChange={(options) => setDraft({ ...draft, ...options })} />
          <div class="row">
            <button type="submit" class="primary">
              Save list
            </button>
            <button type="button" onClick={remove}>
              Delete list
            </button>
          </div>
        </form>
        <Members list={list} />
      </details>
      {error && <p role="alert" class="error">{error}</p>}
      <Timeline source={listSource(list.id, 'Posts')} onReply={onReply} heading={2} />
    </div>
  );
}
