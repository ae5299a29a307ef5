import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { BadInput } from '../platform/index.js';

/**
 * The SSRF guard: a webhook may only call a public http(s) address. The host's addresses are
 * checked when the URL is saved and again on every call (`guardedLookup`), since a name can
 * point elsewhere later (DNS rebinding); docs/security.md "Webhook targets".
 */

// Two lists: one BlockList maps IPv4 into ::ffff:0:0/96, so a v6 rule there would catch every v4 address.
const privateV4 = new BlockList();
const privateV6 = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  privateV4.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96], // NAT64, likewise
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const)
  privateV6.addSubnet(network, prefix, 'ipv6');

/** IPv4-mapped (::ffff:a.b.c.d): reaches IPv4 addresses the list above guards; no public target needs it. */
const mappedV4 = /^[0:]*:ffff:/i;

/** Whether an IP address is loopback, private, link-local, unique-local or otherwise not public. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 4) return privateV4.check(address, 'ipv4');
  return mappedV4.test(address) || privateV6.check(address, 'ipv6');
}

/** The URL's host without IPv6 brackets. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

export class TargetRefused extends Error {}

/** Why a URL may not be called, or null. Resolves the host's name (every address must be public). */
export async function targetProblem(raw: string, allowPrivate: boolean): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute http(s) URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http(s) URL';
  if (url.username || url.password) return 'must not carry a user name or password';
  if (allowPrivate) return null;
  const host = hostOf(url);
  if (isIP(host)) return isPrivateAddress(host) ? privateMessage : null;
  try {
    const addresses = await lookup(host, { all: true, verbatim: true });
    return addresses.some((a) => isPrivateAddress(a.address)) ? privateMessage : null;
  } catch {
    return 'its host name does not resolve';
  }
}

const privateMessage =
  'points at a loopback, private or link-local address, which webhooks may not call (WEBHOOK_ALLOW_PRIVATE allows it)';

/** Refuses a bad target with BAD_USER_INPUT at `path` (`['input', 'url']`). */
export async function checkTarget(url: string, allowPrivate: boolean, path: string[]): Promise<void> {
  const problem = await targetProblem(url, allowPrivate);
  if (problem) throw new BadInput(path, `${path.join('.')}: ${problem}.`);
}

type LookupCallback = (
  error: Error | null,
  address: string | { address: string; family: number }[],
  family?: number,
) => void;

/**
 * A `lookup` for http.request that resolves the name once and refuses private addresses:
 * the connection goes to an address checked at call time, not the one checked at save.
 */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    lookup(hostname, { all: true, verbatim: true }).then(
      (addresses) => {
        if (!allowPrivate && addresses.some((a) => isPrivateAddress(a.address))) {
          callback(new TargetRefused(`${hostname} ${privateMessage}`), []);
          return;
        }
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: Error) => callback(error, []),
    );
  };
}

/** Refuses an IP-literal target at call time (http.request skips `lookup` for those). */
export function refuseLiteralTarget(url: URL, allowPrivate: boolean): void {
  const host = hostOf(url);
  if (!allowPrivate && isIP(host) && isPrivateAddress(host))
    throw new TargetRefused(`${host} ${privateMessage}`);
}
