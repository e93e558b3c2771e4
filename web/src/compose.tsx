import { useEffect, useRef, useState } from 'preact/hooks';
import { type Account, type Status, type Visibility, api } from './api.ts';
import { useAutocomplete } from './autocomplete.tsx';
import { ComposeMedia, type MediaDraft, saveDrafts } from './compose-media.tsx';
import { type Language, instanceLanguages } from './preferences.tsx';

export interface ComposeLimits {
  maxChars: number;
  maxMedia: number;
  maxDescription: number;
  mimeTypes: string;
}

export interface InstanceConfiguration {
  configuration?: {
    statuses?: { max_characters?: number; max_media_attachments?: number };
    media_attachments?: { description_limit?: number; supported_mime_types?: string[] };
  };
}

/** What the server allows in a post, from its instance configuration (Mastodon's defaults until it answers). */
export const composeLimits = ({ configuration: c }: InstanceConfiguration): ComposeLimits => ({
  maxChars: c?.statuses?.max_characters ?? 500,
  maxMedia: c?.statuses?.max_media_attachments ?? 4,
  maxDescription: c?.media_attachments?.description_limit ?? 1500,
  mimeTypes: c?.media_attachments?.supported_mime_types?.join(',') ?? 'image/*,video/*,audio/*',
});

/** The compose box: text with a counter and autocomplete, media, content warning, visibility and language. */
export function Compose({ me, replyTo, limits, onPosted, onCancelReply }: { me: Account; replyTo: Status | null; limits: ComposeLimits; onPosted: (s: Status) => void; onCancelReply: () => void }) {
  const [text, setText] = useState('');
  const [cw, setCw] = useState<string | null>(null);
  const [visibility, setVisibility] = useState<Visibility>(me.source?.privacy ?? 'public');
  const [language, setLanguage] = useState(me.source?.language ?? '');
  const [languages, setLanguages] = useState<Language[]>([]);
  const [drafts, setDrafts] = useState<MediaDraft[]>([]);
  const [sensitive, setSensitive] = useState(me.source?.sensitive ?? false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const complete = useAutocomplete(text, setText, area);

  useEffect(() => void instanceLanguages().then(setLanguages), []);
  useEffect(() => {
    setVisibility(me.source?.privacy ?? 'public');
    setLanguage(me.source?.language ?? '');
    setSensitive(me.source?.sensitive ?? false);
  }, [me]);
  useEffect(() => {
    if (!replyTo) return;
    setText(`@${replyTo.account.acct} `);
    // a reply keeps the content warning of the post it answers, as Mastodon's web does
    setCw(replyTo.spoiler_text || null);
    setVisibility(replyTo.visibility === 'public' ? (me.source?.privacy ?? 'public') : replyTo.visibility);
    area.current?.focus();
  }, [replyTo]);

  const left = limits.maxChars - [...text].length - [...(cw ?? '')].length;
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      await saveDrafts(drafts);
      const media = drafts.length > 0 ? { media_ids: drafts.map((d) => d.media.id), sensitive } : {};
      const body = { status: text, visibility, spoiler_text: cw ?? '', ...(language && { language }), ...media, ...(replyTo && { in_reply_to_id: replyTo.id }) };
      const status = await api<Status>('/api/v1/statuses', { method: 'POST', body });
      setText('');
      setCw(null);
      setDrafts([]);
      setError(null);
      onPosted(status);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="compose" onSubmit={submit} aria-label="Compose a post">
      {replyTo && (
        <p class="replying">
          Replying to @{replyTo.account.acct}{' '}
          <button type="button" class="link" onClick={onCancelReply}>
            Cancel
          </button>
        </p>
      )}
      {cw !== null && <input type="text" aria-label="Content warning" placeholder="Content warning" value={cw} onInput={(e) => setCw(e.currentTarget.value)} />}
      <label for="compose-text" class="visually-hidden">
        What's on your mind?
      </label>
      <div class="autocomplete">
        <textarea
          id="compose-text"
          ref={area}
          rows={4}
          placeholder="What's on your mind?"
          value={text}
          {...complete.comboboxProps}
          onInput={(e) => complete.onInput(e.currentTarget.value, e.currentTarget.selectionStart)}
          onKeyDown={complete.onKeyDown}
        />
        {complete.listbox}
      </div>
      <ComposeMedia drafts={drafts} setDrafts={setDrafts} limits={limits} />
      {drafts.length > 0 && (
        <label class="check">
          <input type="checkbox" checked={sensitive} onChange={(e) => setSensitive(e.currentTarget.checked)} /> Mark media as sensitive
        </label>
      )}
      <div class="compose-bar">
        <button type="button" aria-pressed={cw !== null} onClick={() => setCw(cw === null ? '' : null)}>
          CW
        </button>
        <select aria-label="Visibility" value={visibility} onChange={(e) => setVisibility(e.currentTarget.value as Visibility)}>
          <option value="public">Public</option>
          <option value="unlisted">Unlisted</option>
          <option value="private">Followers only</option>
          <option value="direct">Mentioned only</option>
        </select>
        {languages.length > 0 && (
          <select aria-label="Language" value={language} onChange={(e) => setLanguage(e.currentTarget.value)}>
            <option value="">Language: auto</option>
            {languages.map((l) => (
              <option key={l.code} value={l.code}>
                {l.name}
              </option>
            ))}
          </select>
        )}
        <span class={`counter${left < 0 ? ' over' : ''}`} aria-live="polite">
          {left}
          <span class="visually-hidden"> characters left</span>
        </span>
        <button type="submit" class="primary" disabled={busy || left < 0 || (!text.trim() && drafts.length === 0)}>
          Post
        </button>
      </div>
      {error && <p role="alert" class="error">{error}</p>}
    </form>
  );
}
