import { useEffect, useRef, useState } from 'preact/hooks';
import { type Account, type MediaAttachment, type Status, type Visibility, api } from './api.ts';
import { useAutocomplete } from './autocomplete.tsx';
import { ComposeMedia, type MediaDraft, saveDrafts } from './compose-media.tsx';
import { type Language, instanceLanguages } from './preferences.tsx';
import { ComposePoll, type PollDraft, type PollLimits, emptyPoll, pollParam } from './poll.tsx';
import { Schedule, type ScheduledStatus, scheduledLabel } from './scheduled.tsx';

export interface ComposeLimits {
  maxChars: number;
  maxMedia: number;
  maxDescription: number;
  mimeTypes: string;
  poll: PollLimits;
  /** How far ahead a post may be scheduled at the earliest, in seconds (Mastodon: 5 minutes). */
  scheduleLead: number;
}

export interface InstanceConfiguration {
  configuration?: {
    statuses?: { max_characters?: number; max_media_attachments?: number };
    media_attachments?: { description_limit?: number; supported_mime_types?: string[] };
    polls?: { max_options?: number; max_characters_per_option?: number; min_expiration?: number; max_expiration?: number };
  };
}

/** What the server allows in a post, from its instance configuration (Mastodon's defaults until it answers). */
export const composeLimits = ({ configuration: c }: InstanceConfiguration): ComposeLimits => ({
  maxChars: c?.statuses?.max_characters ?? 500,
  maxMedia: c?.statuses?.max_media_attachments ?? 4,
  maxDescription: c?.media_attachments?.description_limit ?? 1500,
  mimeTypes: c?.media_attachments?.supported_mime_types?.join(',') ?? 'image/*,video/*,audio/*',
  poll: {
    maxOptions: c?.polls?.max_options ?? 4,
    maxOptionChars: c?.polls?.max_characters_per_option ?? 50,
    minExpiration: c?.polls?.min_expiration ?? 300,
    maxExpiration: c?.polls?.max_expiration ?? 2_629_746,
  },
  scheduleLead: 300,
});

/** A post deleted to be written again: what DELETE /api/v1/statuses/:id answers (the entity with its source text). */
export type Redraft = Status & { text?: string };

const draftOf = (media: MediaAttachment): MediaDraft => ({ media, description: media.description ?? '', focus: media.meta?.focus ?? { x: 0, y: 0 } });


interface ComposeProps {
  me: Account;
  replyTo: Status | null;
  redraft: Redraft | null;
  limits: ComposeLimits;
  onPosted: (s: Status) => void;
  onCancelReply: () => void;
}

/** The compose box: text with a counter and autocomplete, media or a poll, content warning, visibility, language and a time to post at. */
export function Compose({ me, replyTo, redraft, limits, onPosted, onCancelReply }: ComposeProps) {
  const [text, setText] = useState('');
  const [cw, setCw] = useState<string | null>(null);
  const [visibility, setVisibility] = useState<Visibility>(me.source?.privacy ?? 'public');
  const [language, setLanguage] = useState(me.source?.language ?? '');
  const [languages, setLanguages] = useState<Language[]>([]);
  const [drafts, setDrafts] = useState<MediaDraft[]>([]);
  const [sensitive, setSensitive] = useState(me.source?.sensitive ?? false);
  const [poll, setPoll] = useState<PollDraft | null>(null);
  const [scheduledAt, setScheduledAt] = useState<string | null>(null);
  const [scheduled, setScheduled] = useState<ScheduledStatus | null>(null);
  const [inReplyToId, setInReplyToId] = useState<string | null>(null);
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
    setInReplyToId(replyTo.id);
    area.current?.focus();
  }, [replyTo]);
  useEffect(() => {
    if (!redraft) return;
    // a deleted post comes back as it was written: text, warning, visibility, language, attachments (kept by the delete) or poll
    setText(redraft.text ?? '');
    setCw(redraft.spoiler_text || null);
    setVisibility(redraft.visibility);
    setLanguage((redraft as { language?: string | null }).language ?? '');
    setDrafts(redraft.media_attachments.map(draftOf));
    setSensitive(redraft.sensitive);
    setPoll(redraft.poll ? { ...emptyPoll(), options: redraft.poll.options.map((o) => o.title), multiple: redraft.poll.multiple } : null);
    setInReplyToId(redraft.in_reply_to_id);
    area.current?.focus();
  }, [redraft]);

  const left = limits.maxChars - [...text].length - [...(cw ?? '')].length;
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      await saveDrafts(drafts);
      const media = drafts.length > 0 ? { media_ids: drafts.map((d) => d.media.id), sensitive } : {};
      const at = scheduledAt ? { scheduled_at: new Date(scheduledAt).toISOString() } : {};
      const body = { status: text, visibility, spoiler_text: cw ?? '', ...(language && { language }), ...media, ...(poll && { poll: pollParam(poll) }), ...(inReplyToId && { in_reply_to_id: inReplyToId }), ...at };
      const answer = await api<Status | ScheduledStatus>('/api/v1/statuses', { method: 'POST', body });
      setText('');
      setCw(null);
      setDrafts([]);
      setPoll(null);
      setScheduledAt(null);
      setInReplyToId(null);
      setError(null);
      // a post with a time to come is answered as a scheduled status, not a status
      if ('scheduled_at' in answer) {
        setScheduled(answer);
        onCancelReply();
      } else {
        setScheduled(null);
        onPosted(answer);
      }
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="compose" onSubmit={submit} aria-label="Compose a post">
      {replyTo && inReplyToId === replyTo.id && (
        <p class="replying">
          Replying to @{replyTo.account.acct}{' '}
          <button type="button" class="link" onClick={() => (setInReplyToId(null), onCancelReply())}>
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
      {/* a post has attachments or a poll, never both */}
      {poll ? <ComposePoll poll={poll} setPoll={setPoll} limits={limits.poll} /> : <ComposeMedia drafts={drafts} setDrafts={setDrafts} limits={limits} />}
      {scheduledAt !== null && <Schedule value={scheduledAt} onChange={setScheduledAt} lead={limits.scheduleLead} />}
      {drafts.length > 0 && (
        <label class="check">
          <input type="checkbox" checked={sensitive} onChange={(e) => setSensitive(e.currentTarget.checked)} /> Mark media as sensitive
        </label>
      )}
      <div class="compose-bar">
        <button type="button" aria-pressed={cw !== null} onClick={() => setCw(cw === null ? '' : null)}>
          CW
        </button>
        {drafts.length === 0 && (
          <button type="button" aria-pressed={poll !== null} onClick={() => setPoll(poll ? null : emptyPoll())}>
            Poll
          </button>
        )}
        <button type="button" aria-pressed={scheduledAt !== null} onClick={() => setScheduledAt(scheduledAt === null ? '' : null)}>
          Schedule
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
        <button type="submit" class="primary" disabled={busy || left < 0 || (!text.trim() && drafts.length === 0) || (poll !== null && poll.options.some((o) => !o.trim())) || scheduledAt === ''}>
          {scheduledAt ? 'Schedule post' : 'Post'}
        </button>
      </div>
      {error && <p role="alert" class="error">{error}</p>}
      {scheduled && (
        <p role="status" class="ok">
          Scheduled for {scheduledLabel(scheduled.scheduled_at)}. <a href="/web/scheduled">Scheduled posts</a>
        </p>
      )}
    </form>
  );
}
