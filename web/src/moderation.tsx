import type { ComponentChildren } from 'preact';
import type { Account } from './api.ts';
import { MODERATION_SCOPES, grantedScopes, startSignIn } from './auth.ts';

// Mastodon's role permission bits (UserRole::FLAGS)
const ADMINISTRATOR = 1n;
const MANAGE_REPORTS = 16n;
const MANAGE_USERS = 1024n;

const permissions = (me: Account) => {
  try {
    return BigInt(me.role?.permissions ?? '0');
  } catch {
    return 0n;
  }
};
const allows = (me: Account, flag: bigint) => (permissions(me) & (ADMINISTRATOR | flag)) !== 0n;
export const canManageReports = (me: Account) => allows(me, MANAGE_REPORTS);
export const canManageUsers = (me: Account) => allows(me, MANAGE_USERS);

/**
 * The moderation screens need the admin scopes, which a sign-in does not ask for: the
 * moderator grants them once, through the same OAuth consent, and comes back here.
 */
export function ModerationGate({ title, allowed, children }: { title: string; allowed: boolean; children: ComponentChildren }) {
  if (!allowed) {
    return (
      <section aria-labelledby="moderation-title">
        <h1 id="moderation-title">{title}</h1>
        <p>Your role does not include this.</p>
      </section>
    );
  }
  const granted = grantedScopes();
  if (!granted.includes('admin:read') || !granted.includes('admin:write')) {
    return (
      <section aria-labelledby="moderation-title">
        <h1 id="moderation-title">{title}</h1>
        <p>The moderation tools need your permission to use the admin API with this browser.</p>
        <button type="button" class="primary" onClick={() => void startSignIn(false, MODERATION_SCOPES, location.pathname)}>
          Allow moderation tools
        </button>
      </section>
    );
  }
  return <>{children}</>;
}
