import { describe, expect, it } from 'vitest';
import { canonicalEmailHash, ipMatches, parseIpRange } from './sign-up-blocks.projection.ts';

describe('canonical e-mail addresses', () => {
  it('hash every spelling of one mailbox alike, and other mailboxes differently', () => {
    const hash = canonicalEmailHash('badguy@example.org');
    expect(canonicalEmailHash('Bad.Guy+promo@Example.org')).toBe(hash);
    expect(canonicalEmailHash('b.a.d.g.u.y@example.org')).toBe(hash);
    expect(canonicalEmailHash('badguy@example.com')).not.toBe(hash);
    expect(canonicalEmailHash('goodguy@example.org')).not.toBe(hash);
  });
});

describe('IP ranges', () => {
  it('parse addresses and CIDR ranges of both families, refuse anything else', () => {
    expect(parseIpRange('203.0.113.0/24')).toEqual({ address: '203.0.113.0', prefix: 24, family: 'ipv4' });
    expect(parseIpRange('2001:db8::1')).toEqual({ address: '2001:db8::1', prefix: 128, family: 'ipv6' });
    for (const bad of ['203.0.113.999', '203.0.113.0/33', '203.0.113.0/x', 'example.com', '']) expect(parseIpRange(bad)).toBeNull();
  });

  it('match addresses inside the range only, IPv4-mapped IPv6 as IPv4', () => {
    expect(ipMatches('203.0.113.0/24', '203.0.113.77')).toBe(true);
    expect(ipMatches('203.0.113.0/24', '::ffff:203.0.113.77')).toBe(true);
    expect(ipMatches('203.0.113.0/24', '203.0.114.1')).toBe(false);
    expect(ipMatches('2001:db8::/32', '2001:db8:1::5')).toBe(true);
    expect(ipMatches('2001:db8::/32', '203.0.113.77')).toBe(false);
  });
});
