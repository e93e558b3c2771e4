import { getContainerRuntimeClient } from 'testcontainers';

export type DockerAvailability = { available: true } | { available: false; reason: string };

let probe: Promise<DockerAvailability> | undefined;

/** Whether testcontainers can reach a container engine; asked once per test process. */
export function dockerAvailability(): Promise<DockerAvailability> {
  probe ??= getContainerRuntimeClient().then(
    (): DockerAvailability => ({ available: true }),
    (error: unknown): DockerAvailability => ({
      available: false,
      reason: String((error as Error)?.message ?? error).split('\n')[0] ?? 'unknown',
    }),
  );
  return probe;
}

/**
 * For suites of engines that only run in containers (EventStoreDB, Kafka, MongoDB):
 * returns whether to run them, and when not, says so loudly so that a skipped engine
 * is never mistaken for a passing one.
 */
export async function engineSuiteRuns(engine: string): Promise<boolean> {
  const docker = await dockerAvailability();
  if (docker.available) return true;
  process.stderr.write(
    `\n*** SKIPPED: ${engine} contract suite: no container engine for testcontainers (${docker.reason}).\n` +
      `*** ${engine} cannot run on this machine; run the suite where Docker is available.\n\n`,
  );
  return false;
}

/** The title for an engine suite, carrying the skip reason into the test report. */
export function engineSuiteTitle(engine: string, runs: boolean): string {
  return runs ? `${engine} adapter` : `${engine} adapter — SKIPPED: no Docker engine reachable`;
}
