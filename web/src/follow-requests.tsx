import { useEffect, useState } from 'preact/hooks';
import { type Account, api } from './api.ts';
import { useNotified } from './streaming.ts';
import { nameOf } from './status-card.tsx';
import { attempt } from './feedback.tsx';

/** People asking to follow a locked account: authorize or reject each; new requests arrive live. */
export function FollowRequests({ me }: { me: Account }) {
  const [requests, setRequests] = useState<Account[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const asked = useNotified('follow_request');
  useEffect(() => {
    api<Account[]>('/api/v1/follow_requests').then(setRequests, (e: Error) => setError(e.message));
  }, [asked]);
  const answer = async (account: Account, verb: 'authorize' | 'reject') => {
    await attempt(setError, async () => {
      await api(`/api/v1/follow_requests/${account.id}/${verb}`, { method: 'POST' });
      setRequests((current) => (current ?? []).filter((a) => a.id !== account.id));
    });
  };
  return (
    <section aria-labelledby="requests-title">
      <h1 id="requests-title">Follow requests</h1>
      {!me.locked && <p>Your account is open: people follow you without asking. You can require approval in the preferences.</p>}
      {error && <p role="alert" class="error">{error}</p>}
      {requests && requests.length === 0 && <p class="empty">No pending requests.</p>}
      <ul class="plain" aria-busy={!requests}>
        {requests?.map((a) => (
          <li key={a.id} class="item row" aria-label={`@${a.acct}`}>
            <a href={`/web/@${a.acct}`}>{nameOf(a)}</a> <span class="handle">@{a.acct}</span>
            <button type="button" class="primary" onClick={() => answer(a, 'authorize')}>
              Authorize
            </button>
            <button type="button" onClick={() => answer(a, 'reject')}>
              Reject
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
