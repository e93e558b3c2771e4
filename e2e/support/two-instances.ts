import { startStrataProcess, type StrataProcess } from '@strata/testkit';

/**
 * Two Strata processes federating on loopback, each on its own address and port 80 so
 * that handles have no port (`bob@127.0.0.3`); private addresses allowed for federation.
 */
export async function startTwoInstances(hosts: [string, string], dirs: [string, string], env: Record<string, string> = {}): Promise<[StrataProcess, StrataProcess]> {
  const start = (host: string, dir: string) =>
    startStrataProcess({ dataDir: dir, port: 80, host, env: { STRATA_DOMAIN: host, STRATA_FEDERATION_ALLOW_PRIVATE: 'true', ...env } });
  const started = await Promise.allSettled([start(hosts[0], dirs[0]), start(hosts[1], dirs[1])]);
  // one that failed to start must not leave the other holding its port
  if (started.some((result) => result.status === 'rejected')) {
    await Promise.all(started.map((result) => (result.status === 'fulfilled' ? result.value.kill() : null)));
    throw (started.find((result) => result.status === 'rejected') as PromiseRejectedResult).reason;
  }
  return started.map((result) => (result as PromiseFulfilledResult<StrataProcess>).value) as [StrataProcess, StrataProcess];
}
