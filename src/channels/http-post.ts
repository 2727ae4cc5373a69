// Signed JSON POSTs to URLs admins configured: the API channel's outbound URL
// and webhook subscribers. HTTP answers become the three neutral error kinds.

import { OutboundAddressError, type OutboundPolicy } from './outbound-address.js';
import { outboundRequest } from './outbound-http.js';
import { DELIVERY_HEADER, signedHeaders } from './signature.js';
import { ChannelError } from './types.js';

/** How much of a receiver's answer is kept with a delivery, for an admin to read. */
export const EXCERPT_CHARS = 500;

export class HttpStatusError extends Error {
  readonly excerpt: string;
  constructor(
    readonly status: number,
    readonly retryAfterMs: number | undefined,
    body: string,
  ) {
    super(`HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ''}`);
    this.excerpt = body.slice(0, EXCERPT_CHARS);
  }
}

/** What the receiver answered: its status and the start of its body. */
export interface ReceiverAnswer {
  status: number;
  excerpt: string;
}

/** The receiver's answer carried by an error of postSigned, if it answered at all. */
export function answerOf(error: unknown): ReceiverAnswer | null {
  return error instanceof HttpStatusError ? { status: error.status, excerpt: error.excerpt } : null;
}

export interface SignedPost {
  url: string;
  secret: string;
  body: string;
  deliveryId: string;
  now: Date;
  timeoutMs: number;
  /** Checked on connect: an admin's URL never reaches what the server's environment forbids. */
  policy: OutboundPolicy;
  headers?: Record<string, string>;
}

/** Receivers answer with an id or nothing; a bigger answer is not read. */
const MAX_ANSWER_BYTES = 1024 * 1024;

/** POSTs and returns the parsed JSON answer (or null); throws HttpStatusError on non-2xx. */
export async function postSigned(post: SignedPost): Promise<unknown> {
  return (await postSignedForAnswer(post)).json;
}

/** As postSigned, also returning the receiver's status and the start of its body. */
export async function postSignedForAnswer(
  post: SignedPost,
): Promise<{ json: unknown; answer: ReceiverAnswer }> {
  const response = await outboundRequest(post.url, {
    policy: post.policy,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Switchboard',
      [DELIVERY_HEADER]: post.deliveryId,
      ...signedHeaders(post.secret, post.body, post.now),
      ...post.headers,
    },
    body: post.body,
    timeoutMs: post.timeoutMs,
    maxBytes: MAX_ANSWER_BYTES,
  });
  const text = response.body.toString('utf8');
  if (response.status < 200 || response.status >= 300)
    throw new HttpStatusError(
      response.status,
      retryAfter(header(response.headers['retry-after'])),
      text,
    );
  const answer = { status: response.status, excerpt: text.slice(0, EXCERPT_CHARS) };
  try {
    return { json: text ? JSON.parse(text) : null, answer };
  } catch {
    return { json: null, answer };
  }
}

function header(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/**
 * 408, 425, 429 and 5xx are worth retrying; 401/403 mean the receiver no longer
 * accepts our credentials; any other answer will not change by itself. Network
 * failures and timeouts are temporary.
 */
export function classifyHttpError(error: unknown): ChannelError {
  if (error instanceof ChannelError) return error;
  // The address will not become allowed by itself; an admin must change the URL.
  if (error instanceof OutboundAddressError) return new ChannelError('permanent', error.message);
  if (error instanceof HttpStatusError) {
    const s = error.status;
    if (s === 401 || s === 403) return new ChannelError('auth_revoked', error.message);
    if (s === 408 || s === 425 || s === 429 || s >= 500 || (s >= 300 && s < 400 && s !== 301))
      return new ChannelError('temporary', error.message, {
        ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
      });
    return new ChannelError('permanent', error.message);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ChannelError('temporary', message || 'network error');
}
