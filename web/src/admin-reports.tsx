import { useEffect, useState } from 'preact/hooks';
import { type Account, api } from './api.ts';
import { AccountRow } from './admin-accounts.tsx';
import { type AdminReport, handleOf } from './admin-types.ts';
import { StatusCard } from './status-card.tsx';
import { useNotified } from './streaming.ts';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Open (or resolved) reports, newest first, through GET /api/v1/admin/reports; a new report appears live. */
export function AdminReports() {
  const [resolved, setResolved] = useState(false);
  const reported = useNotified('admin.report');
  const [reports, setReports] = useState<AdminReport[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<AdminReport[]>(`/api/v1/admin/reports?resolved=${resolved}`).then(setReports, (e: Error) => setError(e.message));
  }, [resolved, reported]);
  return (
    <section aria-labelledby="reports-title">
      <h1 id="reports-title">Reports</h1>
      <div class="row" role="group" aria-label="Which reports">
        <button type="button" aria-pressed={!resolved} onClick={() => (setReports(null), setResolved(false))}>
          Open
        </button>
        <button type="button" aria-pressed={resolved} onClick={() => (setReports(null), setResolved(true))}>
          Resolved
        </button>
      </div>
      {error && <p role="alert" class="error">{error}</p>}
      {reports && reports.length === 0 && <p class="empty">No {resolved ? 'resolved' : 'open'} reports.</p>}
      <ul class="plain" aria-busy={!reports}>
        {reports?.map((r) => (
          <li key={r.id} class="item">
            <a href={`/web/moderation/reports/${r.id}`}>
              Report #{r.id}: @{handleOf(r.target_account)}
            </a>{' '}
            <span class="handle">
              by @{handleOf(r.account)} · {r.category} · {when.format(new Date(r.created_at))}
            </span>
            {r.comment && <p>{r.comment}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** One report: who, what, which posts and rules; assign, resolve or reopen it. */
export function AdminReportDetail({ id, me }: { id: string; me: Account }) {
  const [report, setReport] = useState<AdminReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<AdminReport>(`/api/v1/admin/reports/${id}`).then(setReport, (e: Error) => setError(e.message));
  }, [id]);
  const act = async (action: 'assign_to_self' | 'unassign' | 'resolve' | 'reopen') => {
    try {
      setReport(await api<AdminReport>(`/api/v1/admin/reports/${id}/${action}`, { method: 'POST' }));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  if (!report) return error ? <p role="alert" class="error">{error}</p> : <p aria-busy="true">Loading…</p>;
  return (
    <section aria-labelledby="report-title">
      <h1 id="report-title">Report #{report.id}</h1>
      <p>
        <a href="/web/moderation/reports">All reports</a>
      </p>
      <dl>
        <dt>Reported account</dt>
        <dd>
          <a href={`/web/moderation/accounts?username=${encodeURIComponent(report.target_account.username)}`}>@{handleOf(report.target_account)}</a>
        </dd>
        <dt>Reported by</dt>
        <dd>@{handleOf(report.account)}</dd>
        <dt>Category</dt>
        <dd>{report.category}</dd>
        <dt>Comment</dt>
        <dd>{report.comment || '—'}</dd>
        <dt>Status</dt>
        <dd>
          <span role="status">{report.action_taken ? 'Resolved' : 'Open'}</span>
        </dd>
        <dt>Assigned to</dt>
        <dd>{report.assigned_account ? `@${handleOf(report.assigned_account)}` : 'No one'}</dd>
      </dl>
      {report.rules.length > 0 && (
        <>
          <h2>Rules cited</h2>
          <ul>
            {report.rules.map((r) => (
              <li key={r.id}>{r.text}</li>
            ))}
          </ul>
        </>
      )}
      <div class="row">
        {report.assigned_account ? (
          <button type="button" onClick={() => act('unassign')}>
            Unassign
          </button>
        ) : (
          <button type="button" onClick={() => act('assign_to_self')}>
            Assign to me
          </button>
        )}
        {report.action_taken ? (
          <button type="button" onClick={() => act('reopen')}>
            Reopen
          </button>
        ) : (
          <button type="button" class="primary" onClick={() => act('resolve')}>
            Resolve
          </button>
        )}
      </div>
      {error && <p role="alert" class="error">{error}</p>}
      <h2>Act on the reported account</h2>
      <ul class="plain">
        <AccountRow initial={report.target_account} me={me} reportId={report.id} onActed={() => void api<AdminReport>(`/api/v1/admin/reports/${id}`).then(setReport)} />
      </ul>
      {report.statuses.length > 0 && <h2>Reported posts</h2>}
      {report.statuses.map((s) => (
        <StatusCard key={s.id} status={s} />
      ))}
    </section>
  );
}
