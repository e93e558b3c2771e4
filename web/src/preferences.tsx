import { useEffect, useState } from 'preact/hooks';
import { type Account, type Visibility, api } from './api.ts';
import { type Theme, theme } from './settings.ts';
import { Feedback, type Outcome } from './feedback.tsx';

export interface Language {
  code: string;
  name: string;
}

/** The instance's languages, read once per page load. */
let languages: Promise<Language[]> | undefined;
export const instanceLanguages = () => (languages ??= api<Language[]>('/api/v1/instance/languages').catch(() => []));

/** This browser's theme, and the posting defaults and follower approval kept on the account (update_credentials). */
export function Preferences({ me, onSaved }: { me: Account; onSaved: (a: Account) => void }) {
  const [chosen, setChosen] = useState<Theme>(theme.get());
  const [privacy, setPrivacy] = useState<Visibility>(me.source?.privacy ?? 'public');
  const [sensitive, setSensitive] = useState(me.source?.sensitive ?? false);
  const [language, setLanguage] = useState(me.source?.language ?? '');
  const [locked, setLocked] = useState(me.locked);
  const [langs, setLangs] = useState<Language[]>([]);
  const [message, setMessage] = useState<Outcome>(null);
  useEffect(() => void instanceLanguages().then(setLangs), []);
  const pickTheme = (value: Theme) => {
    setChosen(value);
    theme.set(value);
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    try {
      onSaved(await api<Account>('/api/v1/accounts/update_credentials', { method: 'PATCH', body: { locked, source: { privacy, sensitive, language } } }));
      setMessage({ ok: true, text: 'Preferences saved.' });
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message });
    }
  };
  return (
    <section aria-labelledby="preferences-title">
      <h1 id="preferences-title">Preferences</h1>
      <fieldset class="stack">
        <legend>Theme (this browser)</legend>
        {(['system', 'light', 'dark'] as const).map((value) => (
          <label key={value} class="check">
            <input type="radio" name="theme" value={value} checked={chosen === value} onChange={() => pickTheme(value)} /> {value === 'system' ? 'Same as the device' : value === 'light' ? 'Light' : 'Dark'}
          </label>
        ))}
      </fieldset>
      <form class="stack" onSubmit={submit}>
        <h2>Posting</h2>
        <label for="default-privacy">Default visibility</label>
        <select id="default-privacy" value={privacy} onChange={(e) => setPrivacy(e.currentTarget.value as Visibility)}>
          <option value="public">Public</option>
          <option value="unlisted">Unlisted</option>
          <option value="private">Followers only</option>
        </select>
        <label for="default-language">Default language</label>
        <select id="default-language" value={language} onChange={(e) => setLanguage(e.currentTarget.value)}>
          <option value="">Not set</option>
          {langs.map((l) => (
            <option key={l.code} value={l.code}>
              {l.name}
            </option>
          ))}
        </select>
        <label class="check">
          <input type="checkbox" checked={sensitive} onChange={(e) => setSensitive(e.currentTarget.checked)} /> Always mark media as sensitive
        </label>
        <h2>Followers</h2>
        <label class="check">
          <input type="checkbox" checked={locked} onChange={(e) => setLocked(e.currentTarget.checked)} /> Approve new followers by hand
        </label>
        <button type="submit" class="primary">
          Save preferences
        </button>
      </form>
      <Feedback outcome={message} />
      <h2>Keyboard shortcuts</h2>
      <dl class="shortcuts">
        <dt>n</dt>
        <dd>Write a post</dd>
        <dt>/</dt>
        <dd>Search</dd>
        <dt>j, k</dt>
        <dd>Next and previous post</dd>
        <dt>r, f, b</dt>
        <dd>Reply to, favourite or boost the selected post</dd>
        <dt>o, Enter</dt>
        <dd>Open the selected post with its thread</dd>
        <dt>Escape</dt>
        <dd>Leave a text field (then the shortcuts work again)</dd>
      </dl>
    </section>
  );
}
