import { useState } from 'preact/hooks';
import { api } from './api.ts';

export interface Filter {
  id: string;
  title: string;
  context: string[];
  filter_action: 'warn' | 'hide' | 'blur';
  expires_at: string | null;
  keywords: { id: string; keyword: string; whole_word: boolean }[];
}

const CONTEXTS = [
  ['home', 'Home and lists'],
  ['notifications', 'Notifications'],
  ['public', 'Public timelines'],
  ['thread', 'Conversations'],
  ['account', 'Profiles'],
] as const;
const EXPIRIES = [
  ['', 'Never'],
  ['1800', '30 minutes'],
  ['3600', '1 hour'],
  ['86400', '1 day'],
  ['604800', '1 week'],
] as const;

interface KeywordDraft {
  id?: string;
  keyword: string;
  whole_word: boolean;
  _destroy?: boolean;
}

/** Creates or edits a filter with its keywords in one request (keywords_attributes, as Mastodon's web does). */
export function FilterForm({ filter, onDone }: { filter: Filter | null; onDone: () => void }) {
  const [title, setTitle] = useState(filter?.title ?? '');
  const [context, setContext] = useState<string[]>(filter?.context ?? ['home']);
  const [action, setAction] = useState<Filter['filter_action']>(filter?.filter_action ?? 'warn');
  const [expiresIn, setExpiresIn] = useState(filter ? 'keep' : '');
  const [keywords, setKeywords] = useState<KeywordDraft[]>(filter?.keywords ?? [{ keyword: '', whole_word: true }]);
  const [error, setError] = useState<string | null>(null);
  const setKeyword = (at: number, change: Partial<KeywordDraft>) => setKeywords((current) => current.map((k, i) => (i === at ? { ...k, ...change } : k)));
  const submit = async (event: Event) => {
    event.preventDefault();
    const keywords_attributes = keywords.filter((k) => k.id || k.keyword.trim()).map((k) => ({ ...k, keyword: k.keyword.trim() }));
    const body = { title, context, filter_action: action, keywords_attributes, ...(expiresIn !== 'keep' && { expires_in: expiresIn }) };
    try {
      await api(filter ? `/api/v2/filters/${filter.id}` : '/api/v2/filters', { method: filter ? 'PUT' : 'POST', body });
      onDone();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <section aria-labelledby="filter-form-title">
      <h1 id="filter-form-title">{filter ? `Edit filter “${filter.title}”` : 'New filter'}</h1>
      <form class="stack" onSubmit={submit}>
        <label for="filter-title">Title</label>
        <input id="filter-title" type="text" required maxLength={256} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
        <fieldset>
          <legend>Keywords</legend>
          {keywords.map((k, i) =>
            k._destroy ? null : (
              <div key={k.id ?? `new-${i}`} class="row">
                <label for={`keyword-${i}`} class="visually-hidden">
                  Keyword {i + 1}
                </label>
                <input id={`keyword-${i}`} type="text" maxLength={512} value={k.keyword} onInput={(e) => setKeyword(i, { keyword: e.currentTarget.value })} />
                <label class="check">
                  <input type="checkbox" checked={k.whole_word} onChange={(e) => setKeyword(i, { whole_word: e.currentTarget.checked })} /> Whole word
                </label>
                <button type="button" aria-label={`Remove keyword ${i + 1}`} onClick={() => (k.id ? setKeyword(i, { _destroy: true }) : setKeywords((c) => c.filter((_, j) => j !== i)))}>
                  ✕
                </button>
              </div>
            ),
          )}
          <button type="button" onClick={() => setKeywords((c) => [...c, { keyword: '', whole_word: true }])}>
            Add keyword
          </button>
        </fieldset>
        <fieldset>
          <legend>Filter in</legend>
          {CONTEXTS.map(([value, label]) => (
            <label key={value} class="check">
              <input type="checkbox" checked={context.includes(value)} onChange={(e) => setContext((c) => (e.currentTarget.checked ? [...c, value] : c.filter((x) => x !== value)))} /> {label}
            </label>
          ))}
        </fieldset>
        <label for="filter-action">When a post matches</label>
        <select id="filter-action" value={action} onChange={(e) => setAction(e.currentTarget.value as Filter['filter_action'])}>
          <option value="warn">Hide behind a warning</option>
          <option value="hide">Hide completely</option>
          <option value="blur">Hide media behind a warning</option>
        </select>
        <label for="filter-expiry">Expires</label>
        <select id="filter-expiry" value={expiresIn} onChange={(e) => setExpiresIn(e.currentTarget.value)}>
          {filter && <option value="keep">{filter.expires_at ? `Keep (${new Date(filter.expires_at).toLocaleString()})` : 'Keep (never)'}</option>}
          {EXPIRIES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <div class="row">
          <button type="submit" class="primary" disabled={!title.trim() || context.length === 0}>
            Save filter
          </button>
          <button type="button" onClick={onDone}>
            Cancel
          </button>
        </div>
      </form>
      {error && <p role="alert" class="error">{error}</p>}
    </section>
  );
}
