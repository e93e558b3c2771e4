import { type mastodon, createOAuthAPIClient, createRestAPIClient } from 'masto';

export interface TestUser {
  username: string;
  id: string;
  token: string;
  client: mastodon.rest.Client;
}

/** An app and signed-up users with their own masto clients, as several real people would have. */
export async function signUpUsers(url: string, usernames: string[], scopes = 'read write follow push'): Promise<Record<string, TestUser>> {
  const anonymous = createRestAPIClient({ url });
  const app = (await anonymous.v1.apps.create({ clientName: 'e2e', redirectUris: 'urn:ietf:wg:oauth:2.0:oob', scopes })) as {
    clientId: string;
    clientSecret: string;
  };
  const appToken = await createOAuthAPIClient({ url }).token.create({
    grantType: 'client_credentials',
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    redirectUri: 'urn:ietf:wg:oauth:2.0:oob',
    scope: scopes,
  });
  const registrar = createRestAPIClient({ url, accessToken: appToken.accessToken });
  const users: Record<string, TestUser> = {};
  for (const username of usernames) {
    const token = await registrar.v1.accounts.create({ username, email: `${username}@example.com`, password: `${username} password 1`, agreement: true, locale: 'en' });
    const client = createRestAPIClient({ url, accessToken: token.accessToken });
    users[username] = { username, id: (await client.v1.accounts.verifyCredentials()).id, token: token.accessToken, client };
  }
  return users;
}

/** The HTTP status a masto call ended with: 200 when it succeeded. */
export const statusOf = (promise: PromiseLike<unknown>) =>
  Promise.resolve(promise).then(
    () => 200,
    (error: { statusCode?: number }) => error.statusCode,
  );
