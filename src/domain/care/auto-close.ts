/**
 * Auto-close (issue 17): a conversation where the client has been silent for
 * the channel's time after the operator's (or the bot's) last message is
 * closed by the system with a notice. A minute before, the client is warned;
 * any client message — in that minute or before — cancels it, because the
 * client then waits for us. Pure: the caller passes the clock and the last
 * messages, and does what the decision says.
 */
import type { ChannelKind } from '../../store/schema.js';

/** The client is warned this long before the close, and always gets this long after the warning. */
export const AUTO_CLOSE_WARNING_MS = 60_000;

/** The channel setting's bounds: more than the warning minute, at most 30 days. */
export const AUTO_CLOSE_BOUNDS_MS = { min: 2 * 60_000, max: 30 * 86_400_000 } as const;

/**
 * Defaults per channel kind, when the channel does not set its own: a website
 * chat is live, so half an hour of silence means the client has left; a
 * messenger conversation is slower, a day; e-mail is a thread the client
 * answers when they can, so it never closes by itself.
 */
export const DEFAULT_AUTO_CLOSE_MS: Record<ChannelKind, number | null> = {
  widget: 30 * 60_000,
  telegram: 24 * 3_600_000,
  api: 24 * 3_600_000,
  email: null,
};

/**
 * The channel's auto-close time: `settings.autoCloseMs` — a number of ms, or
 * 0 for off; absent or null: the kind's default. Null: off.
 */
export function autoCloseAfterMs(kind: ChannelKind, setting: unknown): number | null {
  if (setting === 0 || setting === false) return null;
  if (typeof setting === 'number' && Number.isFinite(setting) && setting > 0)
    return Math.max(setting, AUTO_CLOSE_BOUNDS_MS.min);
  return DEFAULT_AUTO_CLOSE_MS[kind];
}

export interface IdleState {
  /** Who wrote the conversation's last message that was not a system notice; null: nobody yet. */
  lastAuthor: 'contact' | 'operator' | 'bot' | null;
  /** ms epoch of that message. */
  lastAt: number | null;
  /** ms epoch of the last inactivity warning, if any. */
  warnedAt: number | null;
  /** The channel's auto-close time; null: off. */
  afterMs: number | null;
  now: number;
}

export type IdleDecision =
  | { action: 'none' }
  /** Nothing yet; look again at `at` (ms epoch). */
  | { action: 'wait'; at: number }
  /** Warn the client now; the close follows at `closeAt` unless they write. */
  | { action: 'warn'; closeAt: number }
  | { action: 'close' };

/**
 * What auto-close does with one open conversation now. The close needs a
 * warning given for the current silence (after the last operator or bot
 * message), so a client always gets at least the minute after the warning —
 * even when the sweep comes late — and a client message after the warning
 * makes the client the last author, which cancels everything until the next
 * operator message starts the clock again.
 */
export function decideIdle(s: IdleState): IdleDecision {
  if (s.afterMs === null || s.lastAt === null) return { action: 'none' };
  if (s.lastAuthor !== 'operator' && s.lastAuthor !== 'bot') return { action: 'none' };
  const warnAt = s.lastAt + s.afterMs - AUTO_CLOSE_WARNING_MS;
  const warned = s.warnedAt !== null && s.warnedAt >= s.lastAt ? s.warnedAt : null;
  if (warned === null) {
    if (s.now < warnAt) return { action: 'wait', at: warnAt };
    return {
      action: 'warn',
      closeAt: Math.max(s.lastAt + s.afterMs, s.now + AUTO_CLOSE_WARNING_MS),
    };
  }
  const closeAt = Math.max(s.lastAt + s.afterMs, warned + AUTO_CLOSE_WARNING_MS);
  if (s.now < closeAt) return { action: 'wait', at: closeAt };
  return { action: 'close' };
}
