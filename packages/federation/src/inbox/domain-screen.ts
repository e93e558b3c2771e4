import { domainPolicyFor } from '@strata/views';
import type { FederationDeps } from '../deps.ts';

/** The key id an HTTP signature names (draft-cavage `keyId`, RFC 9421 `keyid`), if any. */
function signatureKeyId(headers: Headers): string | undefined {
  const header = `${headers.get('signature') ?? ''} ${headers.get('signature-input') ?? ''}`;
  return /keyid="([^"]+)"/i.exec(header)?.[1];
}

function hostOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return new URL(value).host.toLowerCase();
  } catch {
    return undefined;
  }
}

/** The activity's type and actor, when the body is the JSON object it should be. */
function activityOf(body: Buffer): { type?: unknown; actor?: unknown } {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as { type?: unknown; actor?: unknown }) : {};
  } catch {
    return {};
  }
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * The instance's domain policy at the inbox door, before any signature is checked or key
 * fetched: a suspended server (or, in limited-federation mode, one not allowed) is
 * refused with 403 whichever host signs or acts; reports from a server whose reports are
 * rejected are acknowledged and dropped, as Mastodon does.
 */
export function screenByDomainPolicy(deps: FederationDeps) {
  return async (request: Request, body: Buffer): Promise<Response | undefined> => {
    const activity = activityOf(body);
    const actor = typeof activity.actor === 'object' && activity.actor ? (activity.actor as { id?: unknown }).id : activity.actor;
    const hosts = [...new Set([hostOf(signatureKeyId(request.headers)), hostOf(actor)].filter((host): host is string => Boolean(host)))];
    const store = await deps.readModels();
    const policies = await Promise.all(hosts.map((host) => domainPolicyFor(store, host, deps.config.federation.limited)));
    if (policies.some((policy) => policy.suspended)) return json(403, { error: 'This server is blocked' });
    if (activity.type === 'Flag' && policies.some((policy) => policy.rejectReports)) return new Response(null, { status: 202 });
    return undefined;
  };
}
