import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { type Account, type Status, api, token } from './api.ts';
import { finishSignIn, signOut, startSignIn } from './auth.ts';
import { AppContext } from './app-context.ts';
import { Compose, type ComposeLimits, type InstanceConfiguration, type Redraft, composeLimits } from './compose.tsx';
import { installHotkeys } from './keyboard.ts';
import { Nav } from './nav.tsx';
import { navigate, onLinkClick, usePath } from './router.ts';
import { Screen } from './screens.tsx';
import { NOTIFICATIONS_READ, shareNotifications, useNotified } from './streaming.ts';
import { applyTheme } from './settings.ts';
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

function App() {
  const path = usePath();
  const [me, setMe] = useState<Account | null>(null);
  const [signedIn, setSignedIn] = useState(Boolean(token.get()));
  const [error, setError] = useState<string | null>(null);
  const [replyTo, setReplyTo] = useState<Status | null>(null);
  const [posted, setPosted] = useState<Status | null>(null);
  const [redraft, setRedraft] = useState<Redraft | null>(null);
  const [limits, setLimits] = useState<ComposeLimits>(composeLimits({}));

  const [unread, setUnread] = useState(0);
  const arrived = useNotified('*');

  useEffect(installHotkeys, []);
  // nothing is read while signing in: the token is about to change (a moderator's second sign-in revokes the one before)
  const ready = signedIn && path !== '/web/callback';
  useEffect(() => (ready ? shareNotifications() : undefined), [ready]);
  useEffect(() => {
    if (!ready) return;
    const count = () => void api<{ count: number }>('/api/v1/notifications/unread_count').then((u) => setUnread(u.count), () => undefined);
    count();
    addEventListener(NOTIFICATIONS_READ, count);
    return () => removeEventListener(NOTIFICATIONS_READ, count);
  }, [ready, arrived]);
  useEffect(() => {
    if (path !== '/web/callback') return;
    finishSignIn(location.search).then(
      (next) => {
        setSignedIn(true);
        navigate(next);
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
    if (!ready) return;
    api<Account>('/api/v1/accounts/verify_credentials').then(setMe, (e: Error) => {
      setError(e.message);
      setSignedIn(Boolean(token.get()));
    });
    api<InstanceConfiguration>('/api/v2/instance').then((i) => setLimits(composeLimits(i)), () => undefined);
  }, [ready]);

  if (path === '/web/callback') return <p aria-busy="true">Signing in…</p>;
  if (!signedIn) return <SignIn error={error} />;
  if (!me) return <p aria-busy="true">Loading…</p>;

  const reply = (status: Status) => setReplyTo(status);
  return (
    <AppContext.Provider value={{ me, redraft: setRedraft }}>
    <div class="layout" onClick={onLinkClick}>
      <a class="skip" href="#screen">
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href="/web/home">
          Strata
        </a>
        <Nav
          path={path}
          me={me}
          unread={unread}
          onSignOut={async () => {
            await signOut();
            setSignedIn(false);
            setMe(null);
          }}
        />
      </header>
      <aside aria-label="Compose">
        <Compose me={me} replyTo={replyTo} redraft={redraft} limits={limits} onPosted={(s) => (setPosted(s), setReplyTo(null))} onCancelReply={() => setReplyTo(null)} />
      </aside>
      <main id="screen">
        <Screen path={path} me={me} setMe={setMe} onReply={reply} posted={posted} />
      </main>
    </div>
    </AppContext.Provider>
  );
}

applyTheme();
render(<App />, document.getElementById('app')!);
