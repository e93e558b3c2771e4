/** Status and bio HTML reduced to what Mastodon allows: paragraphs, breaks, spans and web links. */
const ALLOWED = new Set(['P', 'BR', 'SPAN', 'A']);

/** This server's hashtag and profile links open in the app instead of the public pages. */
function inAppPath(link: Element): string | null {
  const href = link.getAttribute('href');
  if (!href) return null;
  const url = new URL(href, location.href);
  if (url.origin !== location.origin) return null;
  const classes = (link.getAttribute('class') ?? '').split(/\s+/);
  const tag = url.pathname.match(/^\/tags\/([^/]+)$/);
  if (tag && classes.includes('hashtag')) return `/web/tags/${tag[1]}`;
  const profile = url.pathname.match(/^\/@([^/]+)$/);
  if (profile && classes.includes('mention')) return `/web/@${profile[1]}`;
  return null;
}

export function sanitize(markup: string): string {
  const doc = new DOMParser().parseFromString(`<div>${markup}</div>`, 'text/html');
  const root = doc.body.firstElementChild!;
  const clean = (node: Element) => {
    for (const child of [...node.children]) {
      if (!ALLOWED.has(child.tagName)) {
        child.replaceWith(doc.createTextNode(child.textContent ?? ''));
        continue;
      }
      for (const attr of [...child.attributes]) if (!['href', 'class', 'rel'].includes(attr.name)) child.removeAttribute(attr.name);
      if (child.tagName === 'A') {
        const href = child.getAttribute('href') ?? '';
        if (!/^https?:\/\//i.test(href)) child.removeAttribute('href');
        const inApp = inAppPath(child);
        if (inApp) {
          child.setAttribute('href', inApp);
        } else {
          child.setAttribute('rel', 'nofollow noopener noreferrer');
          child.setAttribute('target', '_blank');
        }
      }
      clean(child);
    }
  };
  clean(root);
  return root.innerHTML;
}
