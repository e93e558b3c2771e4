import type { Account, Status } from './api.ts';

/** Mastodon's Admin::Account. */
export interface AdminAccount {
  id: string;
  username: string;
  domain: string | null;
  email: string;
  created_at: string;
  confirmed: boolean;
  approved: boolean;
  disabled: boolean;
  silenced: boolean;
  sensitized: boolean;
  suspended: boolean;
  role: { name: string } | null;
  account: Account;
}

/** Mastodon's Admin::Report. */
export interface AdminReport {
  id: string;
  action_taken: boolean;
  category: string;
  comment: string;
  created_at: string;
  account: AdminAccount;
  target_account: AdminAccount;
  assigned_account: AdminAccount | null;
  statuses: Status[];
  rules: { id: string; text: string }[];
}

export const handleOf = (a: AdminAccount) => (a.domain ? `${a.username}@${a.domain}` : a.username);
