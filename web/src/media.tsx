import type { MediaAttachment } from './api.ts';

/** A focal point (x, y in [-1, 1], y up) as CSS object-position, so a cropped preview keeps what matters. */
export const focusPosition = (focus: { x: number; y: number } | undefined) => (focus ? `${((focus.x + 1) / 2) * 100}% ${((1 - focus.y) / 2) * 100}%` : '50% 50%');

function Attachment({ media }: { media: MediaAttachment }) {
  const alt = media.description ?? '';
  const position = { objectPosition: focusPosition(media.meta?.focus) };
  if (media.type === 'video' || media.type === 'gifv') return <video src={media.url ?? undefined} poster={media.preview_url ?? undefined} controls={media.type === 'video'} autoplay={media.type === 'gifv'} loop={media.type === 'gifv'} muted={media.type === 'gifv'} aria-label={alt || 'Video'} style={position} />;
  if (media.type === 'audio') return <audio src={media.url ?? undefined} controls aria-label={alt || 'Audio'} />;
  return (
    <a href={media.url ?? undefined} target="_blank" rel="noopener noreferrer" aria-label={alt ? undefined : 'Open the image (no description)'}>
      <img src={media.preview_url ?? media.url ?? undefined} alt={alt} style={position} loading="lazy" />
    </a>
  );
}

/** A post's attachments; sensitive ones (or ones a "blur" filter matched) stay hidden until asked for. */
export function MediaGallery({ media, hidden, reason }: { media: MediaAttachment[]; hidden: boolean; reason: string }) {
  if (media.length === 0) return null;
  const gallery = (
    <div class="media">
      {media.map((m) => (
        <Attachment key={m.id} media={m} />
      ))}
    </div>
  );
  if (!hidden) return gallery;
  return (
    <details>
      <summary>{reason} — show media</summary>
      {gallery}
    </details>
  );
}
