/** Status and bio HTML reduced to what Mastodon allows: paragraphs, breaks, spans and web links. */
const ALLOWED = new Set(['P', 'BR', 'SPAN', 'A']);

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
        child.setAttribute('rel', 'nofollow noopener noreferrer');
        child.setAttribute('target', '_blank');
      }
      clean(child);
    }
  };
  clean(root);
  return root.innerHTML;
}
