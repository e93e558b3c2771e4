import { SafeHtml, html } from './layout.ts';

const errorBox = (message: string | null | undefined) => (message ? html`<p class="error" role="alert">${message}</p>` : '');

export function secondFactorForm(options: { challenge: string; error?: string | null }): SafeHtml {
  return html`<h1>Two-factor authentication</h1>
${errorBox(options.error)}
<form method="post" action="/auth/sign_in/two_factor">
  <input type="hidden" name="challenge" value="${options.challenge}">
  <label for="code">Enter the code from your authenticator app, or one of your recovery codes</label>
  <input type="text" id="code" name="code" autocomplete="one-time-code" inputmode="numeric" required autofocus>
  <button type="submit">Sign in</button>
</form>`;
}

export function twoFactorStatus(options: { enabled: boolean; codesLeft: number; csrfToken: string; error?: string | null }): SafeHtml {
  if (!options.enabled) {
    return html`<h1>Two-factor authentication</h1>
${errorBox(options.error)}
<p>Two-factor authentication is <strong>off</strong>. With it on, signing in asks for a code from an authenticator app after your password.</p>
<form method="post" action="/settings/otp_authentication">
  <input type="hidden" name="authenticity_token" value="${options.csrfToken}">
  <button type="submit">Set up</button>
</form>`;
  }
  return html`<h1>Two-factor authentication</h1>
${errorBox(options.error)}
<p>Two-factor authentication is <strong>on</strong>. Recovery codes left: ${options.codesLeft}.</p>
<form method="post" action="/settings/two_factor_authentication/disable">
  <input type="hidden" name="authenticity_token" value="${options.csrfToken}">
  <label for="code">Enter a code to turn it off</label>
  <input type="text" id="code" name="code" autocomplete="one-time-code" required>
  <button type="submit" class="secondary">Turn off</button>
</form>`;
}

/** The QR code is an SVG made by the qrcode library from the otpauth URI: markup we made, not input. */
export function setupPage(options: { uri: string; secret: string; qrSvg: string; csrfToken: string; error?: string | null }): SafeHtml {
  return html`<h1>Set up two-factor authentication</h1>
${errorBox(options.error)}
<p>Scan this code with your authenticator app, or enter the key by hand.</p>
<div class="qr" style="background:#fff;padding:8px;width:200px">${new SafeHtml(options.qrSvg)}</div>
<p>Key: <code id="otp-secret">${options.secret}</code></p>
<p><a id="otp-uri" href="${options.uri}">${options.uri}</a></p>
<form method="post" action="/settings/otp_authentication/confirm">
  <input type="hidden" name="authenticity_token" value="${options.csrfToken}">
  <label for="code">Enter the code your app shows</label>
  <input type="text" id="code" name="code" autocomplete="one-time-code" inputmode="numeric" required>
  <button type="submit">Turn on</button>
</form>`;
}

export function recoveryCodesPage(codes: string[]): SafeHtml {
  return html`<h1>Two-factor authentication is on</h1>
<p>Keep these recovery codes somewhere safe. Each signs you in once if you lose your authenticator app; they are not shown again.</p>
<ul id="recovery-codes">${codes.map((code) => html`<li><code>${code}</code></li>`)}</ul>
<p><a href="/settings/two_factor_authentication">Done</a></p>`;
}
