import { useEffect, useState } from 'preact/hooks';
import { type Account, api } from './api.ts';
import { type AdminAccount, handleOf } from './admin-types.ts';
import { useNotified } from './streaming.ts';

const STATUSES = ['active', 'pending', 'disabled', 'silenced', 'suspended'] as const;
type Action = 'sensitive' | 'disable' | 'silence' | 'suspend';
const ACTIONS: [Action, string, keyof AdminAccount, string][] = [
  ['sensitive', 'Mark media sensitive', 'sensitized', 'unsensitive'],
  ['silence', 'Limit', 'silenced', 'unsilence'],
  ['disable', 'Freeze sign-in', 'disabled', 'enable'],
  ['suspend', 'Suspend', 'suspended', 'unsuspend'],
];

const badges = (a: AdminAccount) => [!a.approved && 'pending', a.disabled && 'frozen', a.silenced && 'limited', a.sensitized && 'sensitive', a.suspended && 'suspended', a.role?.name].filter(Boolean);

/**
 * One account's row: its state, approval, and each moderation action with its undo (an
 * action taken from a report answers it). The server never moderates the moderator's own
 * account or the owner's: those get no buttons; a remote account's sign-up and sign-in
 * belong to its server, so it gets no approval or freeze.
 */
export function AccountRow({ initial, me, reportId, onActed }: { initial: AdminAccount; me: Account; reportId?: string; onActed?: () => void }) {
  const [account, setAccount] = useState(initial);
  const [gone, setGone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (path: string, body?: unknown) => {
    try {
      if (path === 'action') await api(`/api/v1/admin/accounts/${account.id}/action`, { method: 'POST', body: { ...(body as object), ...(reportId && { report_id: reportId }) } });
      else await api(`/api/v1/admin/accounts/${account.id}/${path}`, { method: 'POST' });
      // a rejected sign-up is deleted: nothing left to show
      if (path === 'reject') return setGone(true);
      setAccount(await api<AdminAccount>(`/api/v1/admin/accounts/${account.id}`));
      setError(null);
      onActed?.();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  if (gone) return null;
  const actionable = account.id !== me.id && account.role?.name !== 'Owner';
  const local = account.domain === null;
  return (
    <li class="item" aria-label={`@${handleOf(account)}`}>
      <a href={`/web/@${account.account.acct}`}>@{handleOf(account)}</a> <span class="handle">{account.email}</span>
      {badges(account).map((b) => (
        <span key={String(b)} class="badge">
          {b}
        </span>
      ))}
      {actionable && (
        <div class="actions" role="group" aria-label={`Moderate @${handleOf(account)}`}>
          {local && !account.approved && (
            <>
              <button type="button" onClick={() => run('approve')}>
                Approve
              </button>
              <button type="button" onClick={() => run('reject')}>
                Reject
              </button>
            </>
          )}
          {ACTIONS.filter(([type]) => local || type !== 'disable').map(([type, label, flag, undo]) =>
            account[flag] ? (
              <button key={type} type="button" onClick={() => run(undo)}>
                Undo {label.toLowerCase()}
              </button>
            ) : (
              <button key={type} type="button" onClick={() => run('action', { type })}>
                {label}
              </button>
            ),
          )}
        </div>
      )}
      {error && <p role="alert" class="error">{error}</p>}
    </li>
  );
}

/** Accounts through GET /api/v2/admin/accounts, filtered by origin, status and username; read again on each sign-up. */
export function AdminAccounts({ me }: { me: Account }) {
  const [origin, setOrigin] = useState<'local' | 'remote'>('local');
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('active');
  const [username, setUsername] = useState(new URLSearchParams(location.search).get('username') ?? '');
  const [accounts, setAccounts] = useState<AdminAccount[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const signedUp = useNotified('admin.sign_up');
  useEffect(() => {
    const query = new URLSearchParams({ origin, status, limit: '40', ...(username.trim() && { username: username.trim() }) });
    api<AdminAccount[]>(`/api/v2/admin/accounts?${query}`).then(
      (found) => (setAccounts(found), setError(null)),
      (e: Error) => setError(e.message),
    );
  }, [origin, status, username, signedUp]);
  return (
    <section aria-labelledby="accounts-title">
      <h1 id="accounts-title">Accounts</h1>
      <div class="compose-bar">
        <label>
          Origin{' '}
          <select value={origin} onChange={(e) => setOrigin(e.currentTarget.value as 'local' | 'remote')}>
            <option value="local">Local</option>
            <option value="remote">Remote</option>
          </select>
        </label>
        <label>
          Status{' '}
          <select value={status} onChange={(e) => setStatus(e.currentTarget.value as (typeof STATUSES)[number])}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Username <input type="search" value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
        </label>
      </div>
      {error && <p role="alert" class="error">{error}</p>}
      {accounts && accounts.length === 0 && <p class="empty">No accounts match.</p>}
      <ul class="plain" aria-busy={!accounts}>
        {accounts?.map((a) => (
          <AccountRow key={a.id} initial={a} me={me} />
        ))}
      </ul>
    </section>
  );
}
