import { Agent, buildConnector, setGlobalDispatcher } from 'undici';
import { assertFetchableUrl, publicOnlyLookup } from './address-policy.ts';

/** What a request to another server may reach and cost. */
export interface OutboundPolicy {
  /** Private, loopback and link-local addresses and plain http (tests on loopback only). */
  allowPrivate: boolean;
  /** Time to connect, then to receive the headers, then between body chunks. */
  timeoutMs: number;
  /** Bytes a response body may have; larger ones fail while streaming. */
  maxResponseBytes: number;
}

/**
 * The connection pool for every request Strata makes to other servers. Its connector
 * refuses, per new connection (so redirects and keep-alive reuse are covered too): any
 * scheme but https, local names, literal non-public addresses, and names whose DNS
 * answer holds any non-public address. undici enforces the time and size limits.
 */
export function createOutboundDispatcher(policy: OutboundPolicy): Agent {
  const connectSocket = buildConnector({
    timeout: policy.timeoutMs,
    ...(!policy.allowPrivate && { lookup: publicOnlyLookup }),
  });
  return new Agent({
    headersTimeout: policy.timeoutMs,
    bodyTimeout: policy.timeoutMs,
    maxResponseSize: policy.maxResponseBytes,
    connect(options, callback) {
      try {
        assertFetchableUrl(new URL(`${options.protocol}//${options.hostname}:${options.port || 443}`), policy.allowPrivate);
      } catch (error) {
        return callback(error as Error, null);
      }
      connectSocket(options, callback);
    },
  });
}

let installed: string | undefined;

/**
 * Makes the outbound pool the process's default for `fetch`: Fedify fetches documents,
 * WebFinger and NodeInfo, signs GETs and delivers with the global `fetch`, and offers no
 * hook for its transport. Called by the federation's composition only, so processes
 * that never federate (and tests that talk to local servers) keep Node's default.
 */
export function installOutboundDispatcher(policy: OutboundPolicy): void {
  const key = JSON.stringify(policy);
  if (installed === key) return;
  if (installed !== undefined) throw new Error('the outbound dispatcher is already installed with another policy');
  setGlobalDispatcher(createOutboundDispatcher(policy));
  installed = key;
}

/** The policy for federation documents from the configuration. */
export function documentPolicyOf(federation: { allowPrivateAddress: boolean; fetchTimeoutMs: number; maxDocumentBytes: number }): OutboundPolicy {
  return { allowPrivate: federation.allowPrivateAddress, timeoutMs: federation.fetchTimeoutMs, maxResponseBytes: federation.maxDocumentBytes };
}
