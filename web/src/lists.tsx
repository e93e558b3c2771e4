import { useEffect, useState } from 'preact/hooks';
import { api } from './api.ts';
import { attempt } from './feedback.tsx';

export interface List {
  id: string;
  title: string;
  replies_policy: 'followed' | 'list' | 'none';
  exclusive: boolean;
}

const REPLIES_POLICIES = [
  ['list', 'Replies to list members'],
  ['followed', 'Replies to anyone you follow'],
  ['none', 'No replies'],
] as const;

type ListOptionsValue = Pick<List, 'replies_policy' | 'exclusive'>;

/** Which replies a list shows, and whether its posts leave the home timeline. */
export function ListOptions({ id, value, onChange }: { id: string; value: ListOptionsValue; onChange: (v: ListOptionsValue) => void }) {
  return (
    <>
      <label for={id}>Show replies</label>
      <select id={id} value={value.replies_policy} onChange={(e) => onChange({ ...value, replies_policy: e.currentTarget.value as List['replies_policy'] })}>
        {REPLIES_POLICIES.map(([policy, label]) => (
          <option key={policy} value={policy}>
            {label}
          </option>
        ))}
      </select>
      <label class="check">
        <input type="checkbox" checked={value.exclusive} onChange={(e) => onChange({ ...value, exclusive: e.currentTarget.checked })} /> Hide these posts from the home timeline
      </label>
    </>
  );
}

/** The user's lists, and a form to create one. */
export function Lists() {
  const [lists, setLists] = useState<List[] | null>(null);
  const [title, setTitle] = useState('');
  const [options, setOptions] = useState<ListOptionsValue>({ replies_policy: 'list', exclusive: false });
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<List[]>('/api/v1/lists').then(setLists, (e: Error) => setError(e.message));
  }, []);
  const create = async (event: Event) => {
    event.preventDefault();
    await attempt(setError, async () => {
      const list = await api<List>('/api/v1/lists', { method: 'POST', body: { title, ...options } });
      setLists((current) => [...(current ?? []), list].sort((a, b) => a.title.localeCompare(b.title)));
      setTitle('');
    });
  };
  return (
    <section aria-labelledby="lists-title">
      <h1 id="lists-title">Lists</h1>
      {lists && lists.length === 0 && <p class="empty">No lists yet.</p>}
      <ul class="plain" aria-busy={!lists}>
        {lists?.map((l) => (
          <li key={l.id} class="item">
            <a href={`/web/lists/${l.id}`}>{l.title}</a>
          </li>
        ))}
      </ul>
      <h2>New list</h2>
      <form class="stack" onSubmit={create}>
        <label for="list-title">Title</label>
        <input id="list-title" type="text" required maxLength={200} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
        <ListOptions id="list-replies" value={options} onChange={setOptions} />
        <button type="submit" class="primary" disabled={!title.trim()}>
          Create list
        </button>
      </form>
      {error && <p role="alert" class="error">{error}</p>}
    </section>
  );
}
