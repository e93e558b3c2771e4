import { html } from '@strata/text';
import type { MailMessage } from './mailer.ts';

/** What every message knows about the instance it comes from. */
export interface MailContext {
  instanceTitle: string;
  publicUrl: string;
  username: string;
}

export type MailContent = Omit<MailMessage, 'to'>;

/** A message as plain text and as simple HTML, built from paragraphs and one optional link. */
function compose(context: MailContext, subject: string, paragraphs: string[], link?: { label: string; url: string }): MailContent {
  const greeting = `Hello @${context.username},`;
  const footer = `— ${context.instanceTitle} (${context.publicUrl})`;
  const text = [greeting, ...paragraphs, ...(link ? [`${link.label}: ${link.url}`] : []), footer].join('\n\n');
  const body = html`<p>${greeting}</p>${paragraphs.map((p) => html`<p>${p}</p>`)}${link ? html`<p><a href="${link.url}">${link.label}</a></p>` : ''}<p>${footer}</p>`;
  return { subject: `${context.instanceTitle}: ${subject}`, text, html: `<!doctype html><html><body>${body.value}</body></html>` };
}

export function confirmationMail(context: MailContext, token: string): MailContent {
  const url = `${context.publicUrl}/auth/confirmation?confirmation_token=${encodeURIComponent(token)}`;
  return compose(context, 'confirm your e-mail address', ['Follow the link below to confirm your e-mail address and activate your account. If you did not sign up, ignore this message.'], { label: 'Confirm e-mail address', url });
}

export function passwordResetMail(context: MailContext, token: string): MailContent {
  const url = `${context.publicUrl}/auth/password/edit?reset_password_token=${encodeURIComponent(token)}`;
  return compose(context, 'reset your password', ['Someone asked to reset the password of your account. If it was you, follow the link below within six hours; otherwise ignore this message and your password stays as it is.'], { label: 'Change password', url });
}

export function approvedMail(context: MailContext): MailContent {
  return compose(context, 'your account was approved', ['The moderators approved your sign-up. You can sign in now.'], { label: 'Sign in', url: `${context.publicUrl}/auth/sign_in` });
}

export function rejectedMail(context: MailContext): MailContent {
  return compose(context, 'your sign-up was not approved', ['The moderators decided not to approve your sign-up. Your account and its data have been removed.']);
}

const actionText: Record<string, string> = {
  none: 'The moderators sent you a warning.',
  sensitive: 'The moderators marked your media as sensitive from now on.',
  disable: 'The moderators disabled sign-in to your account.',
  silence: 'The moderators limited your account: only your followers see your posts.',
  suspend: 'The moderators suspended your account.',
};

export function warningMail(context: MailContext, action: string, text: string): MailContent {
  const paragraphs = [actionText[action] ?? actionText['none']!, ...(text ? [`Their message: ${text}`] : [])];
  return compose(context, action === 'none' ? 'a warning from the moderators' : 'a moderation decision about your account', paragraphs);
}

export function signInMail(context: MailContext, details: { address: string; userAgent: string; at: string }): MailContent {
  return compose(context, 'new sign-in to your account', [
    `Your account was signed in to from a new address: ${details.address}, with ${details.userAgent || 'an unknown browser'}, at ${details.at}.`,
    'If this was you, there is nothing to do. If not, change your password at once and turn on two-factor authentication.',
  ], { label: 'Change password', url: `${context.publicUrl}/auth/password/new` });
}
