import { type SafeHtml, html } from './layout.ts';

const errorBox = (message: string | null | undefined) => (message ? html`<p class="error" role="alert">${message}</p>` : '');

export function resetRequestForm(options: { error?: string | null } = {}): SafeHtml {
  return html`<h1>Forgot your password?</h1>
${errorBox(options.error)}
<p>Enter the e-mail address of your account: we will send you a link to choose a new password.</p>
<form method="post" action="/auth/password">
  <label for="email">E-mail address</label>
  <input type="email" id="email" name="email" autocomplete="email" required>
  <button type="submit">Send the link</button>
</form>
<p><a href="/auth/sign_in">Back to sign in</a></p>`;
}

export function newPasswordForm(options: { token: string; error?: string | null }): SafeHtml {
  return html`<h1>Choose a new password</h1>
${errorBox(options.error)}
<form method="post" action="/auth/password/edit">
  <input type="hidden" name="reset_password_token" value="${options.token}">
  <label for="password">New password</label>
  <input type="password" id="password" name="password" required minlength="8" maxlength="72" autocomplete="new-password">
  <label for="password_confirmation">Confirm new password</label>
  <input type="password" id="password_confirmation" name="password_confirmation" required autocomplete="new-password">
  <button type="submit">Change password</button>
</form>`;
}
