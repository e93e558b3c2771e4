import type { AppDoc } from '@strata/auth';

/** Mastodon's Application (and CredentialApplication, when the secret is being handed out once). */
export function presentApplication(app: AppDoc, secrets?: { clientSecret: string }) {
  return {
    id: app.id,
    name: app.name,
    website: app.website,
    scopes: app.scopes,
    redirect_uri: app.redirectUris.join('\n'),
    redirect_uris: app.redirectUris,
    vapid_key: '',
    ...(secrets && {
      client_id: app.clientId,
      client_secret: secrets.clientSecret,
      client_secret_expires_at: 0,
    }),
  };
}
