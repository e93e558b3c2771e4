import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { type Account, type Relationship, type Status, api } from './api.ts';
import { ProfileActions } from './profile-actions.tsx';
import { StatusCard, nameOf } from './status-card.tsx';
import { Timeline, type TimelineSource } from './timeline.tsx';

/** An account's posts, or only those with attachments, paged like any timeline. */
const profileSource = (id: string, tab: 'posts' | 'media'): TimelineSource =>
  tab === 'media' ? { key: `account-${id}-media`, title: 'Posts with media', path: `/api/v1/accounts/${id}/statuses?only_media=true` } : { key: `account-${id}`, title: 'Posts', path: `/api/v1/accounts/${id}/statuses` };
import { sanitize } from './sanitize.ts';

/** An account's profile and posts; for other people's: follow, mute, block, lists and a note. */
export function Profile({ acct, me, onReply }: { acct: string; me: Account; onReply: (s: Status) => void }) {
  const [account, setAccount] = useState<Account | null>(null);
  const [relationship, setRelationship] = useState<Relationship | null>(null);
  const [pinned, setPinned] = useState<Status[]>([]);
  const [tab, setTab] = useState<'posts' | 'media'>('posts');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setAccount(null);
    (async () => {
      const found = await api<Account>(`/api/v1/accounts/lookup?acct=${encodeURIComponent(acct)}`);
      setAccount(found);
      setPinned(await api<Status[]>(`/api/v1/accounts/${found.id}/statuses?pinned=true`));
      if (found.id !== me.id) setRelationship((await api<Relationship[]>(`/api/v1/accounts/relationships?id[]=${found.id}`))[0] ?? null);
    })().catch((e: Error) => setError(e.message));
  }, [acct]);
  const follow = async (on: boolean) => {
    try {
      setRelationship(await api<Relationship>(`/api/v1/accounts/${account!.id}/${on ? 'follow' : 'unfollow'}`, { method: 'POST' }));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  if (error) return <p role="alert" class="error">{error}</p>;
  if (!account) return <p aria-busy="true">Loading…</p>;
  return (
    <section aria-labelledby="profile-title">
      <img class="profile-header" src={account.header} alt="" />
      <div class="profile-head">
        <img class="avatar large" src={account.avatar} alt="" width={72} height={72} />
        <div>
          <h1 id="profile-title">{nameOf(account)}</h1>
          <p class="handle">
            @{account.acct}
            {account.bot && <span class="badge">Bot</span>}
          </p>
        </div>
        {relationship && (
          <button type="button" class={relationship.following || relationship.requested ? '' : 'primary'} onClick={() => follow(!(relationship.following || relationship.requested))}>
            {relationship.following ? 'Unfollow' : relationship.requested ? 'Cancel request' : 'Follow'}
          </button>
        )}
      </div>
      {relationship && <ProfileActions account={account} relationship={relationship} onChange={setRelationship} />}
      <div class="note" dangerouslySetInnerHTML={{ __html: sanitize(account.note) }} />
      {(account.fields ?? []).length > 0 && (
        <dl class="fields">
          {account.fields!.map((f, i) => (
            <Fragment key={i}>
              <dt>{f.name}</dt>
              <dd class={f.verified_at ? 'verified' : undefined}>
                {f.verified_at && (
                  <>
                    <span aria-hidden="true">✓ </span>
                    <span class="visually-hidden">Verified: </span>
                  </>
                )}
                <span dangerouslySetInnerHTML={{ __html: sanitize(f.value) }} />
              </dd>
            </Fragment>
          ))}
        </dl>
      )}
      <p class="counts">
        <strong>{account.statuses_count}</strong> posts · <strong>{account.following_count}</strong> following · <strong>{account.followers_count}</strong> followers
      </p>
      <nav aria-label="Profile sections" class="tabs">
        {(['posts', 'media'] as const).map((key) => (
          <button key={key} type="button" class="link" aria-pressed={tab === key} onClick={() => setTab(key)}>
            {key === 'posts' ? 'Posts' : 'Media'}
          </button>
        ))}
      </nav>
      {tab === 'posts' && pinned.length > 0 && (
        <>
          <h2>Pinned</h2>
          {pinned.map((s) => (
            <StatusCard key={`pinned-${s.id}`} status={s} onReply={onReply} />
          ))}
        </>
      )}
      <Timeline key={`${account.id}-${tab}`} source={profileSource(account.id, tab)} onReply={onReply} heading={2} />
    </section>
  );
}
