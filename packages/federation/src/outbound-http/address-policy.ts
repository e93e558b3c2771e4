import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import ipaddr from 'ipaddr.js';

/** Why a request to another server was refused before it left. */
export class RefusedAddressError extends Error {
  override readonly name = 'RefusedAddressError';
  readonly code = 'ERR_STRATA_REFUSED_ADDRESS';
}

/**
 * A public unicast address. ipaddr.js names every special range (private, loopback,
 * link-local, unique-local, carrier-grade NAT, multicast, reserved, and the IPv6 forms
 * that embed an IPv4 address: mapped, 6to4, Teredo, NAT64); only plain `unicast` is
 * somewhere on the internet. IPv4-mapped IPv6 is judged as the IPv4 address it carries.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === 'unicast';
}

/** Host names that never leave this machine, whatever DNS says. */
const localNames = /(^|\.)(localhost|localdomain|internal|local)\.?$/i;

/** Refuses a URL before connecting: scheme, local names and literal addresses (DNS is checked at connect time). */
export function assertFetchableUrl(url: URL, allowPrivate: boolean): void {
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) throw new RefusedAddressError(`refused ${url.protocol} URL (https only)`);
  if (allowPrivate) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (localNames.test(host)) throw new RefusedAddressError(`refused local host name ${host}`);
  if (ipaddr.isValid(host) && !isPublicAddress(host)) throw new RefusedAddressError(`refused non-public address ${host}`);
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * `dns.lookup` for sockets to other servers: resolves every address of the name and
 * refuses the connection if any of them is not public, so a name cannot point one of its
 * records (or a later re-resolution, DNS rebinding) at the inside.
 */
export function publicOnlyLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const refused = addresses.find((candidate) => !isPublicAddress(candidate.address));
    if (refused || addresses.length === 0) {
      return callback(new RefusedAddressError(`refused ${hostname}: resolves to non-public address ${refused?.address ?? '(none)'}`), []);
    }
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}
