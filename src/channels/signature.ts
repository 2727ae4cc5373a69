// HMAC-SHA256 request signing shared by the API channel (both directions) and
// outgoing webhooks. The signed string is "<unix seconds>.<raw body>", so a
// captured request cannot be replayed with another timestamp, and one older
// than five minutes is refused outright (the same scheme as Stripe and Slack).
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-switchboard-signature';
export const TIMESTAMP_HEADER = 'x-switchboard-timestamp';
/** Outbound only: the delivery id, stable across retries, for the receiver's de-duplication. */
export const DELIVERY_HEADER = 'x-switchboard-delivery';
export const MAX_SIGNATURE_AGE_MS = 5 * 60_000;

export function computeSignature(
  secret: string,
  timestamp: number,
  body: string | Uint8Array,
): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
  return `sha256=${mac}`;
}

export function signedHeaders(
  secret: string,
  body: string | Uint8Array,
  now: Date,
): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    [TIMESTAMP_HEADER]: String(timestamp),
    [SIGNATURE_HEADER]: computeSignature(secret, timestamp, body),
  };
}

export type SignatureFailure = 'missing' | 'malformed' | 'mismatch' | 'expired';

export type SignatureCheck = { ok: true } | { ok: false; reason: SignatureFailure };

export function verifySignature(
  secret: string,
  header: { timestamp: string | undefined; signature: string | undefined },
  body: Uint8Array,
  now: Date,
): SignatureCheck {
  if (!header.timestamp || !header.signature) return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(header.timestamp) || !/^sha256=[0-9a-f]{64}$/.test(header.signature))
    return { ok: false, reason: 'malformed' };
  const timestamp = Number(header.timestamp);
  const expected = Buffer.from(computeSignature(secret, timestamp, body));
  const given = Buffer.from(header.signature);
  if (!timingSafeEqual(expected, given)) return { ok: false, reason: 'mismatch' };
  // Checked after the MAC, so an old timestamp tells nothing about the secret.
  if (Math.abs(now.getTime() - timestamp * 1000) > MAX_SIGNATURE_AGE_MS)
    return { ok: false, reason: 'expired' };
  return { ok: true };
}

/** Constant-time equality for shared secrets such as Telegram's secret_token. */
export function sameSecret(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
