import { describe, expect, it } from 'vitest';
import { RefusedAddressError, assertFetchableUrl, isPublicAddress, publicOnlyLookup } from './address-policy.ts';

describe('isPublicAddress', () => {
  it.each(['93.184.215.14', '2606:4700::6810:84e5', '1.1.1.1'])('admits public unicast %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it.each([
    '127.0.0.1', '127.0.0.4', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
    '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1',
    '2002:7f00:1::', '64:ff9b::a00:1', 'not-an-address',
  ])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });
});

describe('assertFetchableUrl', () => {
  const refused = (url: string, allowPrivate = false) => () => assertFetchableUrl(new URL(url), allowPrivate);

  it('admits https to names and public addresses', () => {
    expect(refused('https://peer.example/inbox')).not.toThrow();
    expect(refused('https://1.1.1.1/')).not.toThrow();
  });

  it('refuses plain http, other schemes, local names and private literals', () => {
    for (const url of ['http://peer.example/', 'ftp://peer.example/', 'https://localhost/', 'https://printer.local/', 'https://127.0.0.1/', 'https://[::1]/', 'https://169.254.169.254/latest/meta-data', 'https://[::ffff:7f00:1]/']) {
      expect(refused(url), url).toThrow(RefusedAddressError);
    }
  });

  it('admits http and private addresses when told (loopback tests)', () => {
    expect(refused('http://127.0.0.4:8080/', true)).not.toThrow();
    expect(refused('ftp://127.0.0.4/', true)).toThrow(RefusedAddressError);
  });
});

describe('publicOnlyLookup', () => {
  const lookup = (hostname: string, all: boolean) =>
    new Promise<unknown>((resolve, reject) => publicOnlyLookup(hostname, { all }, (error, address) => (error ? reject(error) : resolve(address))));

  it('refuses a name that resolves to a loopback address', async () => {
    await expect(lookup('localhost', true)).rejects.toBeInstanceOf(RefusedAddressError);
    await expect(lookup('localhost', false)).rejects.toBeInstanceOf(RefusedAddressError);
  });
});
