// SMTP and IMAP hosts are account admins' settings: resolved once and checked
// against the outbound policy (outbound-address.ts), then connected to by the
// checked address, with the name kept for TLS (SNI and certificate check), so
// a second lookup by the mail library cannot land somewhere else.
import { isIP } from 'node:net';
import { type OutboundPolicy, type Resolver, resolveOutbound } from '../outbound-address.js';

export async function mailServerAddress(
  host: string,
  policy: OutboundPolicy,
  resolver?: Resolver,
): Promise<{ host: string; servername?: string }> {
  const [first] = await resolveOutbound(host, policy, resolver);
  if (isIP(host.replace(/^\[(.*)\]$/, '$1'))) return { host: first!.address };
  return { host: first!.address, servername: host };
}
