// A provider calling the API channel: signs "<timestamp>.<raw body>" with
// HMAC-SHA256, exactly as docs/channels.md tells integrators to.
import { createHmac } from 'node:crypto';

export const API_SECRET = 'api-channel-secret-0123456789-abcdefghij';

export function sign(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export async function postSigned(
  url: string,
  body: unknown,
  options: {
    secret?: string;
    timestamp?: number;
    signature?: string | null;
    headers?: Record<string, string>;
  } = {},
) {
  const raw = JSON.stringify(body);
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature =
    options.signature === undefined
      ? sign(options.secret ?? API_SECRET, timestamp, raw)
      : options.signature;
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-switchboard-timestamp': String(timestamp),
      ...(signature ? { 'x-switchboard-signature': signature } : {}),
      ...options.headers,
    },
    body: raw,
  });
}
