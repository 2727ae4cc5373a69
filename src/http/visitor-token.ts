// Visitors hold a signed token bound to (account, channel, contact): it opens
// only their own conversations (DESIGN §8). HMAC-SHA256 over the payload.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface VisitorClaims {
  accountId: string;
  channelId: string;
  contactId: string;
  /** The widget's visitor id (the channel identity), so a reload finds the same contact. */
  visitorId: string;
}

export function signVisitorToken(secret: string, claims: VisitorClaims): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `v1.${body}.${mac(secret, body)}`;
}

export function verifyVisitorToken(secret: string, token: string): VisitorClaims | null {
  const [version, body, sig] = token.split('.');
  if (version !== 'v1' || !body || !sig) return null;
  const expected = Buffer.from(mac(secret, body));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as VisitorClaims;
    return typeof claims.contactId === 'string' ? claims : null;
  } catch {
    return null;
  }
}

const mac = (secret: string, body: string) =>
  createHmac('sha256', `visitor:${secret}`).update(body).digest('base64url');
