import { type Response, Router } from 'express';
import { z } from 'zod';
import { ForbiddenError, NotFoundError, ValidationError } from '@strata/kernel';
import { approveAccount, deleteAccount, moderateAccount, setAccountLimits, setAccountSuspension } from '@strata/commands';
import { ModerationAction } from '@strata/contracts';
import { body } from '@strata/http';
import { type AccountDoc, accountsCollection, reportsCollection } from '@strata/views';
import { userOf } from '../auth/authentication.ts';
import { awaitProjection, commandDeps, metadataOf } from '../http/command-context.ts';
import type { ApiDeps } from '../http/deps.ts';
import { presentOneAdminAccount } from './admin-account.presenter.ts';
import { requireStaff } from './staff-gate.ts';
import { enqueueMail } from '@strata/mail';
import { formBoolean } from '../accounts/params.ts';

const id = z.string().regex(/^\d{1,20}$/);
const actionParams = z.object({
  type: ModerationAction.default('none'),
  report_id: id.optional(),
  warning_preset_id: z.string().max(20).optional(),
  text: z.string().max(5000).default(''),
  send_email_notification: formBoolean.default(false),
});

/** Moderators acting on one account: show, approve, reject, act, lift limits, delete. Each change is an event with the moderator as actor. */
export function adminAccountRoutes(deps: ApiDeps): Router {
  const router = Router();
  const read = requireStaff(deps, 'admin:read:accounts');
  const write = requireStaff(deps, 'admin:write:accounts');
  const accountOf = async (value: unknown): Promise<AccountDoc> => {
    const parsed = id.safeParse(value);
    const account = parsed.success ? await accountsCollection(await deps.readModels()).get(parsed.data) : null;
    if (!account) throw new NotFoundError();
    return account;
  };
  const present = async (res: Response, account: AccountDoc) => {
    res.json(await presentOneAdminAccount(deps, account, await (await deps.vault()).credentials.get(account.id)));
  };
  const fresh = async (res: Response, accountId: string) => present(res, await accountOf(accountId));
  const vaultDeps = async () => ({ ...(await commandDeps(deps)), vault: await deps.vault() });
  /** An account a moderator may act on: a remote one only where `remoteToo` (sign-up, sign-in and deletion are local matters). */
  const target = async (value: unknown, me: string, remoteToo = false) => {
    const account = await accountOf(value);
    if (account.domain !== null && !remoteToo) throw new ValidationError('Only local accounts can be changed this way');
    if (account.id === me) throw new ForbiddenError('You cannot moderate your own account');
    if (account.role === 'owner') throw new ForbiddenError('The owner cannot be moderated');
    return account;
  };
  const localTarget = (value: unknown, me: string) => target(value, me);

  router.get('/api/v1/admin/accounts/:id', ...read, async (req, res) => present(res, await accountOf(req.params.id)));

  router.post('/api/v1/admin/accounts/:id/approve', ...write, async (req, res) => {
    const account = await localTarget(req.params.id, userOf(res));
    if (account.approved) throw new ForbiddenError('This account is not pending approval');
    await awaitProjection(deps, await approveAccount(await vaultDeps(), { accountId: account.id }, metadataOf(res)));
    await fresh(res, account.id);
  });

  router.post('/api/v1/admin/accounts/:id/reject', ...write, async (req, res) => {
    const account = await localTarget(req.params.id, userOf(res));
    if (account.approved) throw new ForbiddenError('This account is not pending approval');
    const credentials = await (await deps.vault()).credentials.get(account.id);
    const result = await deleteAccount({ ...(await vaultDeps()), media: deps.media }, { accountId: account.id, by: 'operator' }, metadataOf(res));
    await awaitProjection(deps, result);
    // the address is taken before the erasure: the notice is the last thing sent to it
    if (credentials) await enqueueMail(await deps.jobs(), { kind: 'rejected', accountId: account.id, to: credentials.email, username: account.username });
    res.json(await presentOneAdminAccount(deps, account, credentials));
  });

  router.post('/api/v1/admin/accounts/:id/action', ...write, async (req, res) => {
    const me = userOf(res);
    const params = body(req, actionParams);
    // a remote account is silenced, suspended or marked sensitive here; its sign-in is its server's
    const account = await target(req.params.id, me, params.type !== 'disable');
    if (params.report_id) {
      const report = await reportsCollection(await deps.readModels()).get(params.report_id);
      if (!report || report.targetAccountId !== account.id) throw new NotFoundError();
    }
    const input = { accountId: account.id, action: params.type, text: params.text, reportId: params.report_id ?? null, moderatorId: me };
    await awaitProjection(deps, ...(await moderateAccount(await vaultDeps(), input, metadataOf(res))));
    if (params.send_email_notification && account.domain === null) await enqueueMail(await deps.jobs(), { kind: 'warning', accountId: account.id, action: params.type, text: params.text });
    res.json({});
  });

  const lift = (path: string, limits: Parameters<typeof setAccountLimits>[1]['limits']) =>
    router.post(`/api/v1/admin/accounts/:id/${path}`, ...write, async (req, res) => {
      const account = await target(req.params.id, userOf(res), !('signInDisabled' in limits));
      await awaitProjection(deps, await setAccountLimits(await vaultDeps(), { accountId: account.id, limits }, metadataOf(res)));
      await fresh(res, account.id);
    });
  lift('enable', { signInDisabled: false });
  lift('unsilence', { silenced: false });
  lift('unsensitive', { sensitized: false });

  router.post('/api/v1/admin/accounts/:id/unsuspend', ...write, async (req, res) => {
    const account = await target(req.params.id, userOf(res), true);
    await awaitProjection(deps, await setAccountSuspension(await vaultDeps(), { accountId: account.id, suspended: false }, metadataOf(res)));
    await fresh(res, account.id);
  });

  router.delete('/api/v1/admin/accounts/:id', ...write, async (req, res) => {
    const account = await localTarget(req.params.id, userOf(res));
    // as in Mastodon: only a suspended account's data may be deleted this way
    if (!account.suspended) throw new ForbiddenError('Only suspended accounts can be deleted');
    const credentials = await (await deps.vault()).credentials.get(account.id);
    await awaitProjection(deps, await deleteAccount({ ...(await vaultDeps()), media: deps.media }, { accountId: account.id, by: 'operator' }, metadataOf(res)));
    res.json(await presentOneAdminAccount(deps, account, credentials));
  });
  return router;
}
