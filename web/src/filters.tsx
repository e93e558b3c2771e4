import { useEffect, useState } from 'preact/hooks';
import { api } from './api.ts';
import { type Filter, FilterForm } from './filter-form.tsx';

const CONTEXT_NAMES: Record<string, string> = { home: 'home and lists', notifications: 'notifications', public: 'public timelines', thread: 'conversations', account: 'profiles' };
const ACTION_NAMES = { warn: 'warn', hide: 'hide', blur: 'blur media' } as const;

/** The user's filters (v2): each with its keywords, where it applies, what it does, when it ends. */
export function Filters() {
  const [filters, setFilters] = useState<Filter[] | null>(null);
  const [editing, setEditing] = useState<Filter | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => api<Filter[]>('/api/v2/filters').then(setFilters, (e: Error) => setError(e.message));
  useEffect(() => void load(), []);
  const remove = async (filter: Filter) => {
    try {
      await api(`/api/v2/filters/${filter.id}`, { method: 'DELETE' });
      await load();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  if (editing) {
    return (
      <FilterForm
        filter={editing === 'new' ? null : editing}
        onDone={() => {
          setEditing(null);
          void load();
        }}
      />
    );
  }
  return (
    <section aria-labelledby="filters-title">
      <h1 id="filters-title">Filters</h1>
      <button type="button" class="primary" onClick={() => setEditing('new')}>
        New filter
      </button>
      {error && <p role="alert" class="error">{error}</p>}
      {filters && filters.length === 0 && <p class="empty">No filters.</p>}
      <ul class="plain" aria-busy={!filters}>
        {filters?.map((f) => (
          <li key={f.id} class="item" aria-label={f.title}>
            <strong>{f.title}</strong> <span class="badge">{ACTION_NAMES[f.filter_action]}</span>
            <p>
              {f.keywords.map((k) => k.keyword).join(', ') || 'No keywords'} · in {f.context.map((c) => CONTEXT_NAMES[c] ?? c).join(', ')}
              {f.expires_at && ` · until ${new Date(f.expires_at).toLocaleString()}`}
            </p>
            <div class="row">
              <button type="button" onClick={() => setEditing(f)}>
                Edit
              </button>
              <button type="button" onClick={() => remove(f)}>
                Delete
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
