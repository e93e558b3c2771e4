import type { Vault } from '@strata/auth';
import { BadRequestError, NotFoundError } from '@strata/kernel';

/** The id of a local account, by username. */
export async function accountIdOf(vault: Vault, username: string | undefined): Promise<string> {
  if (!username) throw new BadRequestError('a username is required');
  const [credentials] = await vault.credentials.find({ where: { usernameLower: username.toLowerCase() }, limit: 1 });
  if (!credentials) throw new NotFoundError(`no local account ${username}`);
  return credentials.id;
}
