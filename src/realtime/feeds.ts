// One ordered feed per account on this node: the bus may bring an account's
// events late, twice, out of order or not at all; the feed hands the gateway
// each event exactly once, in seq order (docs/realtime.md, delivery contract).
//
// An account's seqs have no holes (src/events/outbox.ts), and seq n+1 commits
// only after n is visible. So a feed that holds n and hears n+2 knows n+1 is
// committed: it waits `gapWaitMs` for the bus to bring it, then reads it from
// the table. A loss with nothing after it (a node died between commit and
// publish, Redis dropped its subscribers) shows when the bus reconnects, when a
// publisher announces what it could not publish, and at worst at the periodic
// tail check that compares each followed account's newest seq with the table.
import type { Logger } from 'pino';
import type { Services } from '../actions/context.js';
import type { StoredEvent } from '../events/catalog.js';
import { metrics } from '../metrics.js';
import { eventsAfter, latestEvent, latestSeqs } from '../store/queries/events.js';

export interface FeedOptions {
  /** How long a gap may wait for the bus before it is read from the table. */
  gapWaitMs: number;
  /** How often followed accounts are compared with the table (the safety net for a trailing loss). */
  tailCheckMs: number;
}

export const DEFAULT_FEED_OPTIONS: FeedOptions = { gapWaitMs: 50, tailCheckMs: 1_000 };

export interface FeedStats {
  /** Accounts followed on this node. */
  accounts: number;
  /** Times events were read from the table because the bus had not brought them. */
  gapFills: number;
  /** Events delivered from those reads. */
  filledEvents: number;
  /** Events delivered to the gateway. */
  delivered: number;
}

export interface Following {
  /** Resolves when the account's head is known and its events flow. */
  ready: Promise<void>;
  release(): void;
}

export interface Feeds {
  /** Follows an account while a socket of it is open here (counted). */
  follow(accountId: string): Following;
  stats(): FeedStats;
  close(): void;
}

interface Feed {
  accountId: string;
  refs: number;
  /** Highest seq handed on; every lower one was handed on too. -1 while loading. */
  head: number;
  ready: Promise<void>;
  /** Events above head waiting for the ones before them. */
  pending: Map<number, StoredEvent>;
  timer: NodeJS.Timeout | null;
  filling: boolean;
  fillAgain: boolean;
}

/** Events read from the table per statement while filling a gap. */
const FILL_BATCH = 1_000;
/** After a failed read, try again this much later. */
const RETRY_MS = 500;

export function createFeeds(
  services: Services,
  logger: Logger,
  deliver: (e: StoredEvent) => void,
  options: FeedOptions = DEFAULT_FEED_OPTIONS,
): Feeds {
  const { bus } = services;
  const feeds = new Map<string, Feed>();
  const stats = { gapFills: 0, filledEvents: 0, delivered: 0 };

  function offer(feed: Feed, events: readonly StoredEvent[]) {
    for (const e of events) if (feed.head < 0 || e.seq > feed.head) feed.pending.set(e.seq, e);
    drain(feed);
  }

  function drain(feed: Feed) {
    if (feed.head < 0) return;
    for (let e = feed.pending.get(feed.head + 1); e; e = feed.pending.get(feed.head + 1)) {
      feed.pending.delete(e.seq);
      feed.head = e.seq;
      stats.delivered += 1;
      deliver(e);
    }
    if (feed.pending.size === 0) {
      if (feed.timer) clearTimeout(feed.timer);
      feed.timer = null;
      return;
    }
    for (const seq of feed.pending.keys()) if (seq <= feed.head) feed.pending.delete(seq);
    schedule(feed, options.gapWaitMs);
  }

  function schedule(feed: Feed, ms: number) {
    if (feed.timer || feed.filling) return;
    feed.timer = setTimeout(() => void fill(feed), ms);
    feed.timer.unref();
  }

  /** Reads everything after the head from the table (the bus may never bring it). */
  async function fill(feed: Feed) {
    if (feed.timer) clearTimeout(feed.timer);
    feed.timer = null;
    if (feed.filling) {
      feed.fillAgain = true;
      return;
    }
    if (feed.head < 0 || feeds.get(feed.accountId) !== feed) return;
    feed.filling = true;
    stats.gapFills += 1;
    metrics.gapFills.inc();
    let failed = false;
    try {
      for (;;) {
        const before = feed.head;
        const rows = await eventsAfter(services.db, feed.accountId, {
          after: { seq: feed.head },
          upToSeq: Number.MAX_SAFE_INTEGER,
          limit: FILL_BATCH,
          visitor: null,
        });
        for (const e of rows) if (e.seq > feed.head) feed.pending.set(e.seq, e);
        drain(feed);
        stats.filledEvents += feed.head - before;
        if (rows.length < FILL_BATCH) break;
      }
    } catch (error) {
      failed = true;
      logger.warn({ err: error, accountId: feed.accountId }, 'filling an event gap failed');
    } finally {
      feed.filling = false;
    }
    if (feeds.get(feed.accountId) !== feed) return;
    if (failed) schedule(feed, RETRY_MS);
    else if (feed.fillAgain) {
      feed.fillAgain = false;
      void fill(feed);
    } else if (feed.pending.size > 0) schedule(feed, options.gapWaitMs);
  }

  /** Compares followed accounts' heads with the table and fills what is behind. */
  async function checkTails(accountIds: string[]) {
    if (accountIds.length === 0) return;
    try {
      const heads = await latestSeqs(services.db, accountIds);
      for (const [accountId, seq] of heads) {
        const feed = feeds.get(accountId);
        if (feed && feed.head >= 0 && seq > feed.head) void fill(feed);
      }
    } catch (error) {
      logger.warn({ err: error }, 'checking event tails failed');
    }
  }

  const unsubscribe = bus.subscribe((message) => {
    if (message.kind === 'events') {
      const feed = feeds.get(message.events[0]!.accountId);
      if (feed) offer(feed, message.events);
    } else if (message.kind === 'head') {
      const feed = feeds.get(message.accountId);
      if (feed && feed.head >= 0 && message.seq > feed.head) void fill(feed);
    }
  });
  const offReconnect = bus.onReconnect(() => {
    // Subscriptions that failed while the bus was away are made again.
    for (const accountId of feeds.keys()) void bus.follow(accountId).catch(() => {});
    void checkTails([...feeds.keys()]);
  });
  const tailTimer = setInterval(() => void checkTails([...feeds.keys()]), options.tailCheckMs);
  tailTimer.unref();

  async function load(feed: Feed) {
    // Subscribe first, then read the head: whatever commits after the read
    // arrives on the bus, or shows as a gap.
    await bus.follow(feed.accountId).catch((error: unknown) => {
      logger.warn({ err: error, accountId: feed.accountId }, 'bus subscription failed');
    });
    const { seq } = await latestEvent(services.db, feed.accountId);
    feed.head = seq;
    drain(feed);
  }

  function release(feed: Feed) {
    feed.refs -= 1;
    if (feed.refs > 0 || feeds.get(feed.accountId) !== feed) return;
    if (feed.timer) clearTimeout(feed.timer);
    feeds.delete(feed.accountId);
    bus.unfollow(feed.accountId);
  }

  return {
    follow(accountId) {
      let feed = feeds.get(accountId);
      if (feed) feed.refs += 1;
      else {
        const created: Feed = {
          accountId,
          refs: 1,
          head: -1,
          ready: Promise.resolve(),
          pending: new Map(),
          timer: null,
          filling: false,
          fillAgain: false,
        };
        feeds.set(accountId, created);
        created.ready = load(created).catch((error: unknown) => {
          // The next socket of the account starts over.
          if (feeds.get(accountId) === created) feeds.delete(accountId);
          throw error;
        });
        // Awaited by the hello of a socket; one that closes before saying hello does not.
        created.ready.catch(() => {});
        feed = created;
      }
      const followed = feed;
      let released = false;
      return {
        ready: followed.ready,
        release() {
          if (released) return;
          released = true;
          release(followed);
        },
      };
    },
    stats: () => ({ accounts: feeds.size, ...stats }),
    close() {
      clearInterval(tailTimer);
      unsubscribe();
      offReconnect();
      for (const feed of feeds.values()) if (feed.timer) clearTimeout(feed.timer);
      feeds.clear();
    },
  };
}
