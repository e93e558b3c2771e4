/** The pub/sub server cannot be reached; the URL is shown without its credentials. */
export class PubSubUnavailableError extends Error {
  override readonly name = 'PubSubUnavailableError';
  constructor(engine: string, url: string, cause: unknown) {
    super(`${engine} is unreachable at ${withoutCredentials(url)}: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}

export function withoutCredentials(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//');
}
