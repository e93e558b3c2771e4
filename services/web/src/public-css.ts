/** The one small stylesheet of the public pages: system fonts, dark or light as the reader's system asks. */
export const PUBLIC_CSS = `
:root { color-scheme: light dark; --bg: #f5f6fa; --card: #fff; --text: #1f232b; --muted: #5a6070; --accent: #4b4cd8; --line: #d6d9e3; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #17191f; --card: #22252e; --text: #e6e9ef; --muted: #a3aab8; --accent: #a5a6ff; --line: #3a3f4d; }
}
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: var(--bg); color: var(--text); }
a { color: var(--accent); }
a:focus-visible, summary:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; background: var(--card); padding: .5rem; }
header.site, footer.site { max-width: 42rem; margin: 0 auto; padding: 1rem; display: flex; gap: 1rem; flex-wrap: wrap; align-items: center; justify-content: space-between; }
header.site .brand { font-weight: 700; font-size: 1.15rem; text-decoration: none; color: var(--text); }
header.site nav a { margin-left: 1rem; }
footer.site { color: var(--muted); font-size: .9rem; }
main { max-width: 42rem; margin: 0 auto; padding: 0 1rem 2rem; }
h1 { font-size: 1.5rem; margin: .2rem 0; } h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 1rem; margin: .75rem 0; }
.profile .banner { width: 100%; height: 9rem; object-fit: cover; border-radius: 8px 8px 0 0; display: block; background: var(--line); }
.profile { padding: 0; overflow: hidden; } .profile .body { padding: 0 1rem 1rem; }
.avatar { border-radius: 8px; background: var(--line); }
.profile .avatar { width: 88px; height: 88px; margin-top: -44px; border: 4px solid var(--card); }
.handle { color: var(--muted); overflow-wrap: anywhere; }
dl.fields { display: grid; grid-template-columns: minmax(6rem, 1fr) 2fr; margin: 1rem 0 0; border-top: 1px solid var(--line); }
dl.fields dt, dl.fields dd { margin: 0; padding: .4rem 0; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
dl.fields dt { font-weight: 600; color: var(--muted); }
ul.counts { list-style: none; padding: 0; margin: 1rem 0 0; display: flex; gap: 1.5rem; flex-wrap: wrap; }
ul.counts strong { display: block; font-size: 1.1rem; }
article.status { display: grid; grid-template-columns: 48px 1fr; gap: .75rem; }
article.status .avatar { width: 48px; height: 48px; }
article.status.focus { border-color: var(--accent); border-width: 2px; }
article.status .meta { font-size: 1rem; margin: 0; display: flex; flex-wrap: wrap; gap: .25rem .5rem; align-items: baseline; }
article.status .meta .name { font-weight: 600; color: var(--text); text-decoration: none; }
article.status .content { overflow-wrap: anywhere; } article.status .content p { margin: .4rem 0; }
article.status footer { color: var(--muted); font-size: .9rem; display: flex; gap: 1rem; flex-wrap: wrap; }
.boosted { color: var(--muted); font-size: .9rem; margin: 0 0 .25rem; grid-column: 1 / -1; }
.pinned { color: var(--muted); font-size: .9rem; }
details.cw summary { cursor: pointer; font-weight: 600; }
.pager { display: flex; justify-content: space-between; margin: 1rem 0; }
.button { display: inline-block; padding: .55rem 1.1rem; border-radius: 6px; background: var(--accent); color: var(--bg); font-weight: 600; text-decoration: none; }
.button.secondary { background: transparent; color: var(--accent); border: 1px solid var(--accent); }
.muted { color: var(--muted); } ul.trends { list-style: none; padding: 0; margin: 0; } ul.trends li { padding: .3rem 0; overflow-wrap: anywhere; } ol.rules li { margin: .3rem 0; }
.tabs { display: flex; gap: 1rem; margin: 1rem 0 0; } .tabs a[aria-current="page"] { font-weight: 700; text-decoration: none; }
dl.fields dd.verified { color: #1a7f37; } @media (prefers-color-scheme: dark) { dl.fields dd.verified { color: #7ee2a8; } }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.media { display: grid; grid-template-columns: repeat(auto-fit, minmax(8rem, 1fr)); gap: .4rem; margin: .5rem 0; } .media img, .media video { width: 100%; height: 10rem; object-fit: cover; border-radius: 6px; background: var(--line); } .media audio { width: 100%; }
ul.poll { list-style: none; padding: 0; margin: .5rem 0 .2rem; } ul.poll li { border: 1px solid var(--line); border-radius: 6px; padding: .25rem .5rem; margin: .25rem 0; }
.empty { color: var(--muted); }
`;
