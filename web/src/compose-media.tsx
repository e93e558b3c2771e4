import { useState } from 'preact/hooks';
import { type MediaAttachment, api, upload } from './api.ts';
import type { ComposeLimits } from './compose.tsx';
import { focusPosition } from './media.tsx';

/** An uploaded attachment with the description and focal point the user is giving it. */
export interface MediaDraft {
  media: MediaAttachment;
  description: string;
  focus: { x: number; y: number };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Uploads a file through POST /api/v2/media; a 202 is still processing: ask until it is ready. */
export async function uploadMedia(file: File): Promise<MediaAttachment> {
  const form = new FormData();
  form.append('file', file);
  let media = await upload<MediaAttachment>('/api/v2/media', form);
  for (let i = 0; media.url === null && i < 60; i++) {
    await wait(1000);
    media = await api<MediaAttachment>(`/api/v1/media/${media.id}`);
  }
  return media;
}

/** Saves each draft's description and focal point (PUT /api/v1/media/:id) before the post attaches them. */
export async function saveDrafts(drafts: MediaDraft[]): Promise<void> {
  await Promise.all(
    drafts.map((d) => {
      const focus = `${d.focus.x.toFixed(2)},${d.focus.y.toFixed(2)}`;
      const unchanged = d.description === (d.media.description ?? '') && d.media.meta?.focus && `${d.media.meta.focus.x.toFixed(2)},${d.media.meta.focus.y.toFixed(2)}` === focus;
      return unchanged ? null : api(`/api/v1/media/${d.media.id}`, { method: 'PUT', body: { description: d.description, focus } });
    }),
  );
}

const clamp = (n: number) => Math.max(-1, Math.min(1, Math.round(n * 100) / 100));

/** One attachment: preview (click to set the focal point, or use the sliders), description, remove. */
function DraftEditor({ draft, index, maxDescription, onChange, onRemove }: { draft: MediaDraft; index: number; maxDescription: number; onChange: (d: MediaDraft) => void; onRemove: () => void }) {
  const pick = (event: MouseEvent) => {
    const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
    onChange({ ...draft, focus: { x: clamp(((event.clientX - box.left) / box.width) * 2 - 1), y: clamp(1 - ((event.clientY - box.top) / box.height) * 2) } });
  };
  const [left, top] = focusPosition(draft.focus).split(' ');
  return (
    <div class="attachment" role="group" aria-label={`Attachment ${index + 1}`}>
      {draft.media.type === 'image' && draft.media.preview_url ? (
        <div class="focus-picker" onClick={pick}>
          <img src={draft.media.preview_url} alt="" />
          <span class="focus-dot" style={{ left, top }} />
        </div>
      ) : (
        <p>{draft.media.type} attachment</p>
      )}
      <label for={`media-description-${index}`}>Description (alt text)</label>
      <textarea id={`media-description-${index}`} rows={2} maxLength={maxDescription} value={draft.description} onInput={(e) => onChange({ ...draft, description: e.currentTarget.value })} />
      <div class="row">
        <label>
          Focus x <input type="range" min={-1} max={1} step={0.05} value={draft.focus.x} onInput={(e) => onChange({ ...draft, focus: { ...draft.focus, x: Number(e.currentTarget.value) } })} />
        </label>
        <label>
          Focus y <input type="range" min={-1} max={1} step={0.05} value={draft.focus.y} onInput={(e) => onChange({ ...draft, focus: { ...draft.focus, y: Number(e.currentTarget.value) } })} />
        </label>
      </div>
      <button type="button" onClick={onRemove}>
        Remove attachment
      </button>
    </div>
  );
}

/** The compose box's attachments and the file picker (up to the server's limit). */
export function ComposeMedia({ drafts, setDrafts, limits }: { drafts: MediaDraft[]; setDrafts: (update: (d: MediaDraft[]) => MediaDraft[]) => void; limits: ComposeLimits }) {
  const max = limits.maxMedia;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const add = async (files: FileList | null) => {
    if (!files) return;
    setBusy(true);
    try {
      for (const file of [...files].slice(0, max - drafts.length)) {
        const media = await uploadMedia(file);
        setDrafts((current) => [...current, { media, description: media.description ?? '', focus: media.meta?.focus ?? { x: 0, y: 0 } }]);
      }
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="attachments">
      {drafts.map((d, i) => (
        <DraftEditor key={d.media.id} draft={d} index={i} maxDescription={limits.maxDescription} onChange={(changed) => setDrafts((c) => c.map((x) => (x.media.id === d.media.id ? changed : x)))} onRemove={() => setDrafts((c) => c.filter((x) => x.media.id !== d.media.id))} />
      ))}
      {drafts.length < max && (
        <>
          <label for="compose-media">{busy ? 'Uploading…' : `Add media (up to ${max})`}</label>
          <input
            id="compose-media"
            type="file"
            accept={limits.mimeTypes}
            multiple
            disabled={busy}
            onChange={(e) => {
              const input = e.currentTarget;
              void add(input.files).then(() => (input.value = ''));
            }}
          />
        </>
      )}
      {error && <p role="alert" class="error">{error}</p>}
    </div>
  );
}
