import { navigate } from './router.ts';

const typing = (target: EventTarget | null) => target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** On the focused post: the control marked with the key (r reply, f favourite, b boost, o or Enter open). */
const POST_KEYS = new Set(['r', 'f', 'b', 'o', 'Enter']);

/** Mastodon-like hotkeys: n compose, / search, j and k next and previous post, r/f/b/o on it, Escape leaves a field. */
export function installHotkeys(): () => void {
  const onKey = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event.target)) {
      if (event.key === 'Escape') (event.target as HTMLElement).blur();
      return;
    }
    const post = document.activeElement instanceof HTMLElement ? document.activeElement.closest<HTMLElement>('article.status') : null;
    // Enter only on the post itself: on one of its buttons it presses that button
    if (post && POST_KEYS.has(event.key) && (event.key !== 'Enter' || post === document.activeElement)) {
      const control = post.querySelector<HTMLElement>(`[data-hotkey="${event.key === 'Enter' ? 'o' : event.key}"]`);
      if (control) {
        event.preventDefault();
        control.click();
      }
      return;
    }
    if (event.key === 'n') {
      event.preventDefault();
      document.getElementById('compose-text')?.focus();
    } else if (event.key === '/') {
      event.preventDefault();
      navigate('/web/search');
      requestAnimationFrame(() => document.getElementById('search-q')?.focus());
    } else if (event.key === 'j' || event.key === 'k') {
      const posts = [...document.querySelectorAll<HTMLElement>('main article.status')];
      const at = posts.indexOf(document.activeElement as HTMLElement);
      const next = posts[event.key === 'j' ? at + 1 : Math.max(at - 1, 0)];
      next?.focus();
      next?.scrollIntoView({ block: 'nearest' });
    }
  };
  addEventListener('keydown', onKey);
  return () => removeEventListener('keydown', onKey);
}
