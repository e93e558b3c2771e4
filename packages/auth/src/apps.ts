import type { Clock, SnowflakeGenerator } from '@strata/kernel';
import { hashSecret, randomSecret } from './secrets.ts';
import type { AppDoc, Vault } from './vault.ts';

export const OOB_REDIRECT_URI = 'urn:ietf:wg:oauth:2.0:oob';

export interface NewApp {
  name: string;
  website: string | null;
  redirectUris: string[];
  scopes: string[];
  ownerAccountId: string | null;
}

/** Registers an OAuth app; the client secret is shown once, then only its hash is kept. */
export async function createApp(vault: Vault, deps: { ids: SnowflakeGenerator; clock: Clock }, input: NewApp) {
  const clientSecret = randomSecret();
  const app: AppDoc = {
    id: deps.ids.next(deps.clock.now().getTime()),
    name: input.name,
    website: input.website,
    redirectUris: input.redirectUris,
    scopes: input.scopes,
    clientId: randomSecret(32),
    clientSecretHash: hashSecret(clientSecret),
    createdAt: deps.clock.now().toISOString(),
    ownerAccountId: input.ownerAccountId,
  };
  await vault.apps.upsert(app);
  return { app, clientSecret };
}

export async function findAppByClientId(vault: Vault, clientId: string): Promise<AppDoc | null> {
  const [app] = await vault.apps.find({ where: { clientId }, limit: 1 });
  return app ?? null;
}

export function clientSecretMatches(app: AppDoc, clientSecret: string): boolean {
  return hashSecret(clientSecret) === app.clientSecretHash;
}
