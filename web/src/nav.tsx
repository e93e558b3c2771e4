import type { Account } from './api.ts';
import { canManageReports, canManageUsers } from './moderation.tsx';

const MAIN = [
  ['/web/home', 'Home'],
  ['/web/local', 'Local'],
  ['/web/federated', 'Federated'],
  ['/web/notifications', 'Notifications'],
  ['/web/explore', 'Explore'],
  ['/web/search', 'Search'],
] as const;

const MORE = [
  ['/web/conversations', 'Direct messages'],
  ['/web/scheduled', 'Scheduled posts'],
  ['/web/lists', 'Lists'],
  ['/web/bookmarks', 'Bookmarks'],
  ['/web/favourites', 'Favourites'],
  ['/web/filters', 'Filters'],
  ['/web/follow_requests', 'Follow requests'],
  ['/web/settings/preferences', 'Preferences'],
  ['/web/settings/profile', 'Edit profile'],
] as const;

const link =
  (path: string, unread = 0) =>
  ([href, label]: readonly [string, string]) => (
    <a key={href} href={href} aria-current={path === href || (href === '/web/home' && path === '/web/') ? 'page' : undefined}>
      {label}
      {href === '/web/notifications' && unread > 0 && ' '}
      {href === '/web/notifications' && unread > 0 && (
        <span class="badge">
          {unread}
          <span class="visually-hidden"> unread</span>
        </span>
      )}
    </a>
  );

/** The app's navigation, with the unread notifications; the moderation screens only for a role that may use them. */
export function Nav({ path, me, unread, onSignOut }: { path: string; me: Account; unread: number; onSignOut: () => void }) {
  const moderation = [...(canManageReports(me) ? ([['/web/moderation/reports', 'Reports']] as const) : []), ...(canManageUsers(me) ? ([['/web/moderation/accounts', 'Accounts']] as const) : [])];
  return (
    <>
      <nav aria-label="Main">
        {MAIN.map(link(path, unread))}
        <a href={`/web/@${me.acct}`}>My profile</a>
        <button type="button" class="link" onClick={onSignOut}>
          Sign out
        </button>
      </nav>
      <nav aria-label="More" class="more">
        {MORE.map(link(path))}
        {moderation.map(link(path))}
      </nav>
    </>
  );
}
