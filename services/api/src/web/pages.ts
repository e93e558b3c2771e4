import { type SafeHtml, html } from './layout.ts';

export interface FieldErrorList {
  [field: string]: string[];
}

const errorBox = (message: string | null | undefined) => (message ? html`<p class="error" role="alert">${message}</p>` : '');

export function signInForm(options: { returnTo: string; error?: string | null; login?: string }): SafeHtml {
  return html`<h1>Sign in</h1>
${errorBox(options.error)}
<form method="post" action="/auth/sign_in">
  <input type="hidden" name="return_to" value="${options.returnTo}">
  <label for="login">E-mail address or username</label>
  <input type="text" id="login" name="login" autocomplete="username" required value="${options.login ?? ''}">
  <label for="password">Password</label>
  <input type="password" id="password" name="password" autocomplete="current-password" required>
  <button type="submit">Sign in</button>
</form>
<p><a href="/auth/password/new">Forgot your password?</a></p>
<p>No account yet? <a href="/auth/sign_up?return_to=${encodeURIComponent(options.returnTo)}">Sign up</a></p>`;
}

export function consentForm(options: {
  appName: string;
  website: string | null;
  username: string;
  scopes: string[];
  params: Record<string, string>;
  csrfToken: string;
}): SafeHtml {
  const hidden = Object.entries(options.params).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`);
  return html`<h1>Authorize ${options.appName}?</h1>
<p>${options.appName}${options.website ? html` (<a href="${options.website}" rel="noopener">${options.website}</a>)` : ''} asks to use your account <strong>@${options.username}</strong> with these permissions:</p>
<ul class="scopes">${options.scopes.map((scope) => html`<li><code>${scope}</code></li>`)}</ul>
<form method="post" action="/oauth/authorize">
  ${hidden}
  <input type="hidden" name="authenticity_token" value="${options.csrfToken}">
  <button type="submit" name="decision" value="approve">Authorize</button>
  <button type="submit" name="decision" value="deny" class="secondary">Deny</button>
</form>
<form method="post" action="/auth/sign_out"><input type="hidden" name="authenticity_token" value="${options.csrfToken}"><button type="submit" class="secondary">Not you? Sign out</button></form>`;
}

export function codeShown(code: string): SafeHtml {
  return html`<h1>Authorization code</h1>
<p>Copy this code and paste it into the application:</p>
<code class="grant" id="authorization-code">${code}</code>`;
}

export function signUpForm(options: {
  returnTo: string;
  values: { username?: string; email?: string; reason?: string };
  error?: string | null;
  approvalRequired: boolean;
}): SafeHtml {
  return html`<h1>Create an account</h1>
${errorBox(options.error)}
<form method="post" action="/auth/sign_up">
  <input type="hidden" name="return_to" value="${options.returnTo}">
  <label for="username">Username</label>
  <input type="text" id="username" name="username" required maxlength="30" value="${options.values.username ?? ''}">
  <label for="email">E-mail address</label>
  <input type="email" id="email" name="email" required value="${options.values.email ?? ''}">
  <label for="password">Password</label>
  <input type="password" id="password" name="password" required minlength="8" maxlength="72" autocomplete="new-password">
  <label for="password_confirmation">Confirm password</label>
  <input type="password" id="password_confirmation" name="password_confirmation" required autocomplete="new-password">
  ${options.approvalRequired ? html`<label for="reason">Why do you want to join?</label><textarea id="reason" name="reason" maxlength="500">${options.values.reason ?? ''}</textarea>` : ''}
  <label><input type="checkbox" name="agreement" value="1" required> I agree to the server rules and terms of service</label>
  <button type="submit">Sign up</button>
</form>
<p>Have an account? <a href="${options.returnTo}">Sign in</a></p>`;
}

export function message(title: string, text: string): SafeHtml {
  return html`<h1>${title}</h1><p>${text}</p>`;
}

export function deleteAccountForm(options: { username: string; csrfToken: string; error?: string | null }): SafeHtml {
  return html`<h1>Delete account</h1>
${errorBox(options.error)}
<p>You are about to delete <strong>@${options.username}</strong> for good. This cannot be undone:</p>
<ul>
  <li>your posts, boosts, favourites, bookmarks, lists, follows and followers are removed;</li>
  <li>your profile, avatar and header are erased, with your e-mail address and password;</li>
  <li>every app and browser signed in to your account is signed out;</li>
  <li>your username stays reserved, so nobody can pretend to be you.</li>
</ul>
<form method="post" action="/settings/delete">
  <input type="hidden" name="authenticity_token" value="${options.csrfToken}">
  <label for="password">Enter your password to confirm</label>
  <input type="password" id="password" name="password" autocomplete="current-password" required>
  <button type="submit">Delete my account</button>
</form>`;
}
