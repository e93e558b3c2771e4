import { useEffect, useRef, useState } from 'preact/hooks';
import { type Status, api } from './api.ts';

type Visibility = Status['visibility'];

/** The compose box: text with a character counter, a content warning and the visibility. */
export function Compose({ replyTo, maxChars, onPosted, onCancelReply }: { replyTo: Status | null; maxChars: number; onPosted: (s: Status) => void; onCancelReply: () => void }) {
  const [text, setText] = useState('');
  const [cw, setCw] = useState<string | null>(null);
  const [visibility, setVisibility] = useState<Visibility>('public');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (!replyTo) return;
    setText(`@${replyTo.account.acct} `);
    setVisibility(replyTo.visibility === 'public' ? 'public' : replyTo.visibility);
    area.current?.focus();
  }, [replyTo]);

  const left = maxChars - [...text].length - [...(cw ?? '')].length;
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      const status = await api<Status>('/api/v1/statuses', { method: 'POST', body: { status: text, visibility, spoiler_text: cw ?? '', ...(replyTo && { in_reply_to_id: replyTo.id }) } });
      setText('');
      setCw(null);
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
      <textarea id="compose-text" ref={area} rows={4} placeholder="What's on your mind?" value={text} onInput={(e) => setText(e.currentTarget.value)} />
      <div class="compose-bar">
        <button type="button" aria-pressed={cw !== null} onClick={() => setCw(cw === null ? '' : null)}>
          CW
        </button>
        <label>
          <span class="visually-hidden">Visibility</span>
          <select value={visibility} onChange={(e) => setVisibility(e.currentTarget.value as Visibility)}>
            <option value="public">Public</option>
            <option value="unlisted">Unlisted</option>
            <option value="private">Followers only</option>
            <option value="direct">Mentioned only</option>
          </select>
        </label>
        <span class={`counter${left < 0 ? ' over' : ''}`} aria-live="polite">
          {left}
          <span class="visually-hidden"> characters left</span>
        </span>
        <button type="submit" class="primary" disabled={busy || left < 0 || !text.trim()}>
          Post
        </button>
      </div>
      {error && <p role="alert" class="error">{error}</p>}
    </form>
  );
}
