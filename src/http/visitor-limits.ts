// Budgets of the anonymous side that must hold however a visitor talks to us:
// sessions per address (with or without a visitor token — a token costs
// nothing to mint, so it must not buy a fresh budget), and messages per
// visitor and per address, counted together over HTTP and the websocket.
//
// In-process: each node counts its own traffic, as the @fastify/rate-limit
// setup for the other routes does (it has no Redis store configured). Behind
// a load balancer with N nodes a client can get up to N times a budget.
import type { Config } from '../config.js';

/** Fixed one-minute windows; a map per window, so memory holds one minute of keys. */
const WINDOW_MS = 60_000;

export interface VisitorLimits {
  /** Counts a visitor session start from this address; false when over budget. */
  session(address: string, now: number): boolean;
  /** Counts one visitor message; false (and nothing counted) when either budget is spent. */
  message(visitorId: string, address: string, now: number): boolean;
}

export interface VisitorBudgets {
  /** Per address and minute; 0 = unlimited. */
  sessionsPerAddress: number;
  messagesPerVisitor: number;
  messagesPerAddress: number;
}

export function visitorBudgets(config: Config): VisitorBudgets {
  return {
    sessionsPerAddress: config.visitorSessionsPerAddress,
    messagesPerVisitor: config.visitorMessagesPerVisitor,
    messagesPerAddress: config.visitorMessagesPerAddress,
  };
}

export function createVisitorLimits(budgets: VisitorBudgets): VisitorLimits {
  let windowStart = 0;
  let counts = new Map<string, number>();
  const window = (now: number) => {
    if (now - windowStart >= WINDOW_MS) {
      windowStart = now;
      counts = new Map();
    }
    return counts;
  };
  const fits = (key: string, max: number) => max === 0 || (counts.get(key) ?? 0) < max;
  const count = (key: string, max: number) => {
    if (max !== 0) counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  return {
    session(address, now) {
      window(now);
      const key = `s:${address}`;
      if (!fits(key, budgets.sessionsPerAddress)) return false;
      count(key, budgets.sessionsPerAddress);
      return true;
    },
    message(visitorId, address, now) {
      window(now);
      const v = `v:${visitorId}`;
      const a = `a:${address}`;
      if (!fits(v, budgets.messagesPerVisitor) || !fits(a, budgets.messagesPerAddress))
        return false;
      count(v, budgets.messagesPerVisitor);
      count(a, budgets.messagesPerAddress);
      return true;
    },
  };
}
