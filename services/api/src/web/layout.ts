import { SafeHtml, html } from '@strata/text';

export { SafeHtml, html };

export function page(title: string, instanceTitle: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – ${instanceTitle}</title>
<style>
  body { font-family: system-ui, sans-serif; background: #191b22; color: #d9e1e8; display: flex; justify-content: center; padding: 3rem 1rem; }
  main { width: 100%; max-width: 26rem; }
  h1 { font-size: 1.4rem; } a { color: #8c8dff; }
  label { display: block; margin: .9rem 0 .3rem; }
  input[type=text], input[type=email], input[type=password], textarea { width: 100%; box-sizing: border-box; padding: .55rem; border-radius: 4px; border: 1px solid #444b5d; background: #282c37; color: inherit; }
  button { margin-top: 1.2rem; padding: .6rem 1.2rem; border: 0; border-radius: 4px; background: #6364ff; color: #fff; font-weight: 600; cursor: pointer; }
  button.secondary { background: #444b5d; }
  .error { background: #5c1f24; padding: .6rem; border-radius: 4px; }
  .scopes li { margin: .3rem 0; } code.grant { font-size: 1.2rem; word-break: break-all; background: #282c37; padding: .6rem; display: block; }
</style>
</head>
<body><main>${body}</main></body>
</html>`.value;
}
