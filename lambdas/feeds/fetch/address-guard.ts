/**
 * The SSRF guard: in Lambda, feed and article URLs must not reach loopback,
 * private, link-local (169.254.169.254 is the cloud metadata service) or other
 * non-public addresses. The check runs on the address actually connected to:
 * literal IPs before connecting, host names inside the socket's `lookup`, so a
 * DNS answer can't be swapped between the check and the connection, and every
 * redirect hop goes through the same path.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { BlockedAddressError } from './errors.ts';

const nonPublic = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
] as const) {
  nonPublic.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23], // IETF protocol assignments (Teredo, ORCHID…)
  ['2001:db8::', 32],
  ['2002::', 16], // 6to4 can embed any IPv4 address
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10],
  ['ff00::', 8], // multicast
] as const) {
  nonPublic.addSubnet(network, prefix, 'ipv6');
}

/** True for addresses a server in the cloud must never be made to fetch from. */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return nonPublic.check(address, 'ipv4');
  if (family !== 6) return true; // not an address at all: refuse rather than guess
  const mapped = embeddedIpv4(address);
  if (mapped) return nonPublic.check(mapped, 'ipv4');
  return nonPublic.check(address, 'ipv6');
}

/** ::ffff:a.b.c.d and ::a.b.c.d carry an IPv4 address the kernel will connect to. */
function embeddedIpv4(address: string): string | undefined {
  const lower = address.toLowerCase();
  const dotted = lower.match(/^::(?:ffff:)?(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted) return dotted[1];
  const hex = lower.match(/^::(?:ffff:)?([0-9a-f]{1,4}):([0-9a-f]{1,4})$/);
  if (!hex || (!lower.startsWith('::ffff:') && lower.split(':').length !== 4)) return undefined;
  const high = parseInt(hex[1]!, 16);
  const low = parseInt(hex[2]!, 16);
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

export type AddressPolicy = (address: string) => boolean;

/** Node's lookup callback: an error, or one address and its family, or (with `all`) every address. */
type LookupCallback = (error: Error | null, address?: string | LookupAddress[], family?: number) => void;

/** A `lookup` for http.request that refuses host names resolving to a blocked address (any of them). */
export function guardedLookup(isBlocked: AddressPolicy, base: typeof dnsLookup = dnsLookup): LookupFunction {
  return ((hostname: string, options: LookupAllOptions | { all?: boolean; family?: number }, callback: LookupCallback) => {
    base(hostname, { ...options, all: true } as LookupAllOptions, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error);
      const blocked = addresses.find((entry) => isBlocked(entry.address));
      if (blocked) return callback(new BlockedAddressError(hostname, blocked.address));
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }));
      return callback(null, first.address, first.family);
    });
  }) as unknown as LookupFunction;
}

/** Literal-IP hosts never reach `lookup`, so they are checked before connecting. */
export function assertLiteralAddressAllowed(hostname: string, isBlocked: AddressPolicy): void {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (isIP(bare) && isBlocked(bare)) throw new BlockedAddressError(bare, bare);
}
