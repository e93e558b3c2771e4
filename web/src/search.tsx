import { useState } from 'preact/hooks';
import { type Account, type Status, api } from './api.ts';
import { StatusCard, nameOf } from './status-card.tsx';
import { attempt } from './feedback.tsx';

interface Results {
  accounts: Account[];
  statuses: Status[];
  hashtags: { name: string }[];
}

export function Search({ onReply }: { onReply: (s: Status) => void }) {
  const [q, setQ] = useState('');
  const [results, setResults] = useState<Results | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    await attempt(setError, async () => {
      setResults(await api<Results>(`/api/v2/search?q=${encodeURIComponent(q)}&limit=20`));
    });
  };
  return (
    <section aria-labelledby="search-title">
      <h1 id="search-title">Search</h1>
      <form role="search" onSubmit={submit} class="row">
        <label for="search-q" class="visually-hidden">
          Search for people, posts or hashtags
        </label>
        <input id="search-q" type="search" placeholder="People, posts, #hashtags" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        <button type="submit" class="primary">
          Search
        </button>
      </form>
      {error && <p role="alert" class="error">{error}</p>}
      {results && (
        <>
          <h2>People</h2>
          {results.accounts.length === 0 && <p class="empty">No one found.</p>}
          <ul class="plain">
            {results.accounts.map((a) => (
              <li key={a.id}>
                <a href={`/web/@${a.acct}`}>{nameOf(a)}</a> <span class="handle">@{a.acct}</span>
              </li>
            ))}
          </ul>
          <h2>Hashtags</h2>
          {results.hashtags.length === 0 && <p class="empty">No hashtags found.</p>}
          <ul class="plain">
            {results.hashtags.map((t) => (
              <li key={t.name}>
                <a href={`/web/tags/${encodeURIComponent(t.name)}`}>#{t.name}</a>
              </li>
            ))}
          </ul>
          <h2>Posts</h2>
          {results.statuses.length === 0 && <p class="empty">No posts found.</p>}
          {results.statuses.map((s) => (
            <StatusCard key={s.id} status={s} onReply={onReply} />
          ))}
        </>
      )}
    </section>
  );
}
