// Where Switchboard may connect on an account admin's say-so: webhook URLs,
// the API channel's outbound URL, the Telegram Bot API root, SMTP and IMAP
// hosts. An admin of one account must not turn the server into a proxy to
// itself or its cloud (SSRF): loopback, link-local, cloud metadata and
// unspecified addresses are refused unless the server's environment allows
// loopback (OUTBOUND_ALLOW_LOOPBACK, tests and local set-ups); private networks
// are allowed — on-premises installs integrate with their own CRM — unless
// OUTBOUND_DENY_PRIVATE refuses them on a multi-account host.
//
// Checked twice: when the setting is saved (a literal address, or what the
// name resolves to then) and on every connection, against the addresses the
// connection actually uses — a name may resolve elsewhere later (DNS
// rebinding), so the resolver's answer is checked, not the name.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { invalid } from '../errors.js';

export interface OutboundPolicy {
  /** Loopback (127/8, ::1, localhost) may be reached. */
  allowLoopback: boolean;
  /** Private networks (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7) are refused. */
  denyPrivate: boolean;
}

export const DEFAULT_OUTBOUND_POLICY: OutboundPolicy = { allowLoopback: false, denyPrivate: false };

export type AddressKind =
  | 'public'
  | 'private'
  | 'loopback'
  | 'link-local'
  | 'metadata'
  | 'unspecified'
  | 'reserved';

function blockList(ranges: [string, number][]): BlockList {
  const list = new BlockList();
  for (const [net, prefix] of ranges)
    list.addSubnet(net, prefix, isIP(net) === 6 ? 'ipv6' : 'ipv4');
  return list;
}

// Checked in this order: the metadata addresses sit inside link-local and
// private ranges. IPv4 rules also match IPv4-mapped IPv6 (::ffff:a.b.c.d).
const KINDS: [AddressKind, BlockList][] = [
  [
    'metadata',
    blockList([
      ['169.254.169.254', 32], // AWS, GCP, Azure, OpenStack
      ['fd00:ec2::254', 128], // AWS over IPv6
      ['100.100.100.200', 32], // Alibaba Cloud
    ]),
  ],
  [
    'unspecified',
    blockList([
      ['0.0.0.0', 8],
      ['::', 128],
    ]),
  ],
  [
    'loopback',
    blockList([
      ['127.0.0.0', 8],
      ['::1', 128],
    ]),
  ],
  [
    'link-local',
    blockList([
      ['169.254.0.0', 16],
      ['fe80::', 10],
    ]),
  ],
  [
    'private',
    blockList([
      ['10.0.0.0', 8],
      ['172.16.0.0', 12],
      ['192.168.0.0', 16],
      ['100.64.0.0', 10], // carrier-grade NAT
      ['fc00::', 7],
    ]),
  ],
  [
    'reserved',
    blockList([
      ['224.0.0.0', 4], // multicast
      ['240.0.0.0', 4], // reserved and broadcast
      ['ff00::', 8],
    ]),
  ],
];

const METADATA_NAMES = new Set(['metadata.google.internal', 'metadata', 'instance-data']);

/** What kind of address an IP literal is; IPv4 inside IPv6 (mapped, NAT64, compatible) counts as the IPv4. */
export function addressKind(ip: string): AddressKind {
  const family = isIP(ip);
  if (family === 0) throw new Error(`not an IP address: ${ip}`);
  const embedded = family === 6 ? embeddedIpv4(ip) : null;
  if (embedded) return addressKind(embedded);
  const type = family === 6 ? 'ipv6' : 'ipv4';
  for (const [kind, list] of KINDS) if (list.check(ip, type)) return kind;
  return 'public';
}

/** Why the policy refuses this kind of address, or null when it may be reached. */
function refusal(kind: AddressKind, policy: OutboundPolicy): string | null {
  switch (kind) {
    case 'public':
      return null;
    case 'private':
      return policy.denyPrivate ? 'a private network address (OUTBOUND_DENY_PRIVATE is set)' : null;
    case 'loopback':
      return policy.allowLoopback ? null : 'a loopback address of this server';
    case 'metadata':
      return 'a cloud metadata address';
    case 'link-local':
      return 'a link-local address';
    case 'unspecified':
      return 'an unspecified address';
    case 'reserved':
      return 'a multicast or reserved address';
  }
}

/** A connection the policy refuses; channel code treats it as a permanent failure. */
export class OutboundAddressError extends Error {
  readonly code = 'EOUTBOUNDREFUSED';
}

/** Whether an error, or one it wraps (grammY's HttpError, node-fetch's FetchError), is a refusal. */
export function isOutboundRefusal(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    if ((e as { code?: unknown }).code === 'EOUTBOUNDREFUSED') return true;
    e = (e as { error?: unknown; cause?: unknown }).error ?? (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Throws OutboundAddressError when the policy refuses this IP address. */
export function checkAddress(ip: string, policy: OutboundPolicy, host = ip): void {
  const why = refusal(addressKind(ip), policy);
  if (why)
    throw new OutboundAddressError(
      host === ip ? `${ip} is ${why}` : `${host} resolves to ${ip}, ${why}`,
    );
}

/** A host as written in a URL or setting, without IPv6 brackets or a trailing dot. */
function bareHost(host: string): string {
  const h = host.trim().toLowerCase();
  return (h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h).replace(/\.$/, '');
}

/**
 * The check that needs no resolver: IP literals, and names that are loopback
 * or metadata by definition. Throws OutboundAddressError; true when the host
 * is an IP literal (nothing left to resolve).
 */
export function checkHostLiteral(host: string, policy: OutboundPolicy): boolean {
  const h = bareHost(host);
  if (isIP(h)) {
    checkAddress(h, policy);
    return true;
  }
  if (METADATA_NAMES.has(h)) throw new OutboundAddressError(`${h} is a cloud metadata address`);
  // RFC 6761 §6.3: localhost names always mean this machine.
  if ((h === 'localhost' || h.endsWith('.localhost')) && !policy.allowLoopback)
    throw new OutboundAddressError(`${h} is a loopback address of this server`);
  return false;
}

export type Resolver = (host: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (host) =>
  new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (err, addresses) =>
      err ? reject(err) : resolve(addresses),
    ),
  );

/**
 * The addresses to connect to for `host`, every one of them allowed. Connect to
 * one of these (with the name as TLS servername), never to the name again:
 * resolving twice would let the second answer differ.
 */
export async function resolveOutbound(
  host: string,
  policy: OutboundPolicy,
  resolver: Resolver = systemResolver,
): Promise<LookupAddress[]> {
  const h = bareHost(host);
  if (checkHostLiteral(h, policy)) return [{ address: h, family: isIP(h) }];
  const addresses = await resolver(h);
  if (addresses.length === 0) throw new Error(`${h} has no address`);
  for (const a of addresses) checkAddress(a.address, policy, h);
  return addresses;
}

/** How long a save waits for DNS; a name that does not answer in time is checked on connect only. */
const SAVE_LOOKUP_MS = 3_000;

/**
 * The save-time check of an admin's URL or host (400 naming `field`): refused
 * when it is, or now resolves to, an address the policy forbids. A name that
 * does not resolve yet is accepted — every connection is checked again.
 */
export async function checkDestination(
  field: string,
  value: string,
  policy: OutboundPolicy,
  resolver: Resolver = systemResolver,
): Promise<void> {
  let host = value;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    if (!URL.canParse(value)) return; // the field's own schema names the problem
    host = new URL(value).hostname;
  }
  if (!host) return;
  const timeout = new Promise<null>((resolve) => setTimeout(resolve, SAVE_LOOKUP_MS, null).unref());
  try {
    await Promise.race([resolveOutbound(host, policy, resolver), timeout]);
  } catch (error) {
    if (error instanceof OutboundAddressError)
      throw invalid(
        field,
        `Switchboard may not connect there: ${error.message}. Use an address outside this server and its cloud.`,
        { reason: 'destination_not_allowed' },
      );
  }
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for net/tls/http agents that refuses a name when any of its
 * addresses is refused. Node calls it for names only; literal IPs are checked
 * by the agents (outbound-http.ts) before they connect.
 */
export function guardedLookup(policy: OutboundPolicy, resolver: Resolver = systemResolver) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolveOutbound(hostname, policy, resolver).then(
      (all) => {
        const wanted = options.family ? all.filter((a) => a.family === options.family) : all;
        const list = wanted.length > 0 ? wanted : all;
        if (options.all) callback(null, list);
        else callback(null, list[0]!.address, list[0]!.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, ''),
    );
  };
}

/** The IPv4 address inside an IPv4-mapped, NAT64 (64:ff9b::/96) or IPv4-compatible IPv6 address. */
function embeddedIpv4(ip: string): string | null {
  const words = ipv6Words(ip);
  if (!words) return null;
  const head = words.slice(0, 6);
  const zero = (n: number) => n === 0;
  const mapped = head.slice(0, 5).every(zero) && head[5] === 0xffff;
  const nat64 = head[0] === 0x64 && head[1] === 0xff9b && head.slice(2).every(zero);
  // ::a.b.c.d (deprecated, RFC 4291 §2.5.5.1); :: and ::1 are themselves.
  const compatible = head.every(zero) && (words[6]! > 0 || words[7]! > 1);
  if (!mapped && !nat64 && !compatible) return null;
  const [hi, lo] = [words[6]!, words[7]!];
  return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.');
}

/** The eight 16-bit words of an IPv6 address (zone dropped, trailing dotted IPv4 allowed). */
function ipv6Words(ip: string): number[] | null {
  let text = ip.toLowerCase().replace(/%.*$/, '');
  const dotted = /^(.*:)(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(2).map(Number) as [number, number, number, number];
    text = `${dotted[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [left, right, extra] = text.split('::');
  if (extra !== undefined) return null;
  const parse = (part: string | undefined) =>
    part ? part.split(':').map((w) => Number.parseInt(w, 16)) : [];
  const head = parse(left);
  const tail = parse(right);
  const words =
    right === undefined
      ? head
      : [...head, ...Array(8 - head.length - tail.length).fill(0), ...tail];
  return words.length === 8 && words.every((w) => w >= 0 && w <= 0xffff) ? words : null;
}
