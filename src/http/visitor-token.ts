// Visitors hold a signed token bound to (account, channel, contact): it opens
// only their own conversations (DESIGN §8). HMAC-SHA256 over the payload.
//
// A token carries when its session began (`iat`) and when it was last renewed
// (`seen`, seconds). Renewing is asking POST /widget/session with it (the widget
// does so once a day); a token not renewed for VISITOR_TOKEN_IDLE_DAYS is
// refused, and its visitor starts a new session. Tokens without these times
// (issued before they existed) are refused the same way.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface VisitorClaims {
  accountId: string;
  channelId: string;
  contactId: string;
  /** The widget's visitor id (the channel identity), so a reload finds the same contact. */
  visitorId: string;
}

export interface VisitorToken extends VisitorClaims {
  /** When the visitor's session began; kept across renewals. */
  issuedAt: Date;
  /** When the token was last renewed. */
  seenAt: Date;
}

interface Body extends VisitorClaims {
  iat: number;
  seen: number;
}

export function signVisitorToken(
  secret: string,
  claims: VisitorClaims,
  times: { issuedAt: Date; seenAt: Date },
): string {
  const payload: Body = {
    accountId: claims.accountId,
    channelId: claims.channelId,
    contactId: claims.contactId,
    visitorId: claims.visitorId,
    iat: Math.floor(times.issuedAt.getTime() / 1000),
    seen: Math.floor(times.seenAt.getTime() / 1000),
  };
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `v1.${body}.${mac(secret, body)}`;
}

/**
 * The token's claims when one of `secrets` (the current one first, then those
 * still in their rotation grace period) signed it and it was renewed within
 * `idleMs` of `now`; otherwise null.
 */
export function verifyVisitorToken(
  secrets: readonly string[],
  token: string,
  now: Date,
  idleMs: number,
): VisitorToken | null {
  const [version, body, sig, extra] = token.split('.');
  if (version !== 'v1' || !body || !sig || extra !== undefined) return null;
  const given = Buffer.from(sig);
  const signed = secrets.some((secret) => {
    const expected = Buffer.from(mac(secret, body));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!signed) return null;
  let claims: Partial<Body>;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Partial<Body>;
  } catch {
    return null;
  }
  const { accountId, channelId, contactId, visitorId, iat, seen } = claims;
  if (
    typeof accountId !== 'string' ||
    typeof channelId !== 'string' ||
    typeof contactId !== 'string' ||
    typeof visitorId !== 'string' ||
    typeof iat !== 'number' ||
    typeof seen !== 'number'
  )
    return null;
  if (now.getTime() - seen * 1000 > idleMs) return null;
  return {
    accountId,
    channelId,
    contactId,
    visitorId,
    issuedAt: new Date(iat * 1000),
    seenAt: new Date(seen * 1000),
  };
}

const mac = (secret: string, body: string) =>
  createHmac('sha256', `visitor:${secret}`).update(body).digest('base64url');
