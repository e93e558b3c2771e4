import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { type Account, type Status, api, token } from './api.ts';
import { finishSignIn, signOut, startSignIn } from './auth.ts';
import { Compose } from './compose.tsx';
import { EditProfile } from './edit-profile.tsx';
import { Notifications } from './notifications.tsx';
import { Profile } from './profile.tsx';
import { navigate, onLinkClick, usePath } from './router.ts';
import { Search } from './search.tsx';
import { Thread } from './thread.tsx';
import { Timeline } from './timeline.tsx';
import './style.css';

function SignIn({ error }: { error: string | null }) {
  return (
    <main class="signin">
      <h1>Strata</h1>
      {error && <p role="alert" class="error">{error}</p>}
      <p>Sign in to read your timelines, post and follow people.</p>
      <p class="row">
        <button type="button" class="primary" onClick={() => void startSignIn()}>
          Sign in
        </button>
        <button type="button" onClick={() => void startSignIn(true)}>
          Create account
        </button>
      </p>
      <p>
        <a href="/">Back to the public pages</a>
      </p>
    </main>
  );
}

const NAV = [
  ['/web/home', 'Home'],
  ['/web/local', 'Local'],
  ['/web/federated', 'Federated'],
  ['/web/notifications', 'Notifications'],
  ['/web/search', 'Search'],
  ['/web/settings/profile', 'Edit profile'],
] as const;

function App() {
  const path = usePath();
  const [me, setMe] = useState<Account | null>(null);
  const [signedIn, setSignedIn] = useState(Boolean(token.get()));
  const [error, setError] = useState<string | null>(null);
  const [replyTo, setReplyTo] = useState<Status | null>(null);
  const [posted, setPosted] = useState<Status | null>(null);
  const [maxChars, setMaxChars] = useState(500);

  useEffect(() => {
    if (path !== '/web/callback') return;
    finishSignIn(location.search).then(
      () => {
        setSignedIn(true);
        navigate('/web/home');
      },
      (e: Error) => {
        setError(e.message);
        navigate('/web/');
      },
    );
  }, [path]);
  useEffect(() => {
    // the public pages' "Create account" lands here and goes straight on to the sign-up form
    if (path === '/web/sign_up' && !signedIn) void startSignIn(true);
  }, [path]);
  useEffect(() => {
    if (!signedIn) return;
    api<Account>('/api/v1/accounts/verify_credentials').then(setMe, (e: Error) => {
      setError(e.message);
      setSignedIn(Boolean(token.get()));
    });
    api<{ configuration?: { statuses?: { max_characters?: number } } }>('/api/v2/instance').then((i) => setMaxChars(i.configuration?.statuses?.max_characters ?? 500), () => undefined);
  }, [signedIn]);

  if (path === '/web/callback') return <p aria-busy="true">Signing in…</p>;
  if (!signedIn) return <SignIn error={error} />;
  if (!me) return <p aria-busy="true">Loading…</p>;

  const reply = (status: Status) => setReplyTo(status);
  const screen = () => {
    if (path === '/web/local') return <Timeline kind="local" onReply={reply} posted={posted} />;
    if (path === '/web/federated') return <Timeline kind="federated" onReply={reply} posted={posted} />;
    if (path === '/web/notifications') return <Notifications />;
    if (path === '/web/search') return <Search onReply={reply} />;
    if (path === '/web/settings/profile') return <EditProfile me={me} onSaved={setMe} />;
    const thread = path.match(/^\/web\/statuses\/(\d+)$/);
    if (thread) return <Thread id={thread[1]!} onReply={reply} />;
    const profile = path.match(/^\/web\/@([^/]+)$/);
    if (profile) return <Profile acct={decodeURIComponent(profile[1]!)} me={me} onReply={reply} />;
    return <Timeline kind="home" onReply={reply} posted={posted} />;
  };
  return (
    <div class="layout" onClick={onLinkClick}>
      <a class="skip" href="#screen">
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href="/web/home">
          Strata
        </a>
        <nav aria-label="Main">
          {NAV.map(([href, label]) => (
            <a key={href} href={href} aria-current={path === href || (href === '/web/home' && path === '/web/') ? 'page' : undefined}>
              {label}
            </a>
          ))}
          <a href={`/web/@${me.acct}`}>My profile</a>
          <button
            type="button"
            class="link"
            onClick={async () => {
              await signOut();
              setSignedIn(false);
              setMe(null);
            }}
          >
            Sign out
          </button>
        </nav>
      </header>
      <aside aria-label="Compose">
        <Compose replyTo={replyTo} maxChars={maxChars} onPosted={(s) => (setPosted(s), setReplyTo(null))} onCancelReply={() => setReplyTo(null)} />
      </aside>
      <main id="screen">{screen()}</main>
    </div>
  );
}

render(<App />, document.getElementById('app')!);
