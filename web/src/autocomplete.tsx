import { useEffect, useRef, useState } from 'preact/hooks';
import { type Account, api } from './api.ts';

interface Suggestion {
  key: string;
  insert: string;
  label: string;
}

/** The @mention or #hashtag being typed just before the caret. */
const tokenAt = (text: string, caret: number) => text.slice(0, caret).match(/(?:^|[^\w@#])([@#][\p{L}\p{N}_.@-]+)$/u)?.[1] ?? null;

async function suggestionsFor(token: string): Promise<Suggestion[]> {
  const type = token.startsWith('@') ? 'accounts' : 'hashtags';
  const found = await api<{ accounts: Account[]; hashtags: { name: string }[] }>(`/api/v2/search?q=${encodeURIComponent(token)}&type=${type}&limit=5&resolve=false`);
  return type === 'accounts'
    ? found.accounts.map((a) => ({ key: a.id, insert: `@${a.acct}`, label: `${a.display_name || a.username} @${a.acct}` }))
    : found.hashtags.map((t) => ({ key: t.name, insert: `#${t.name}`, label: `#${t.name}` }));
}

/**
 * Mention and hashtag autocomplete for the compose textarea, a listbox it controls: arrows
 * move through the suggestions, Enter or Tab takes one, Escape closes them.
 */
export function useAutocomplete(text: string, setText: (t: string) => void, area: { current: HTMLTextAreaElement | null }) {
  const [token, setToken] = useState<string | null>(null);
  const [items, setItems] = useState<Suggestion[]>([]);
  const [active, setActive] = useState(0);
  const asked = useRef(0);
  useEffect(() => {
    if (!token || token.length < 2) return setItems([]);
    const ask = ++asked.current;
    const timer = setTimeout(() => {
      suggestionsFor(token).then(
        (found) => ask === asked.current && (setItems(found), setActive(0)),
        () => setItems([]),
      );
    }, 200);
    return () => clearTimeout(timer);
  }, [token]);

  const onInput = (value: string, caret: number) => {
    setText(value);
    setToken(tokenAt(value, caret));
  };
  const accept = (item: Suggestion) => {
    const el = area.current;
    const caret = el?.selectionStart ?? text.length;
    const before = text.slice(0, caret).replace(/[@#][\p{L}\p{N}_.@-]+$/u, `${item.insert} `);
    setText(before + text.slice(caret));
    setToken(null);
    setItems([]);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(before.length, before.length);
    });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (items.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => (i + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      accept(items[active]!);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setItems([]);
    }
  };
  const open = items.length > 0;
  // a textarea keeps its textbox role (ARIA allows no combobox there): it points at the listbox while open
  const comboboxProps = {
    'aria-autocomplete': 'list',
    'aria-controls': open ? 'compose-suggestions' : undefined,
    'aria-activedescendant': open ? `suggestion-${active}` : undefined,
  } as const;
  const listbox = open ? (
    <ul id="compose-suggestions" role="listbox" aria-label="Suggestions">
      {items.map((item, i) => (
        <li key={item.key} id={`suggestion-${i}`} role="option" aria-selected={i === active} onMouseDown={(e) => (e.preventDefault(), accept(item))}>
          {item.label}
        </li>
      ))}
    </ul>
  ) : null;
  return { onInput, onKeyDown, comboboxProps, listbox };
}
