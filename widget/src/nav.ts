// "Go to URL": the operator may send the visitor to another page, but only of
// this site or of the channel's allowed origins — never elsewhere, and never to
// a javascript: or data: URL, whatever arrives over the wire.

export function navigationTarget(
  url: unknown,
  currentHref: string,
  allowedOrigins: readonly string[],
): string | null {
  if (typeof url !== 'string' || url.length === 0) return null;
  let target: URL;
  try {
    target = new URL(url, currentHref);
  } catch {
    return null;
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return null;
  const here = new URL(currentHref).origin;
  return target.origin === here || allowedOrigins.includes(target.origin) ? target.href : null;
}

/**
 * A navigate event is followed when it arrives live, or when it was missed
 * only briefly (a reconnect): a visitor returning the next day is not thrown
 * to a page an operator chose yesterday.
 */
export const NAVIGATE_REPLAY_MS = 2 * 60_000;

export function navigateIsFresh(at: string, nowMs: number, live: boolean): boolean {
  if (live) return true;
  const t = Date.parse(at);
  return Number.isFinite(t) && nowMs - t < NAVIGATE_REPLAY_MS;
}
