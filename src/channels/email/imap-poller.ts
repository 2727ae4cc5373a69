// IMAP inbound with IDLE (imapflow): new mail in the mailbox is fetched as raw
// source, committed to the inbox together with the UID cursor, then flagged
// \Seen. The cursor is UIDVALIDITY + last UID (RFC 3501 §2.3.1.1): when the
// server's UIDVALIDITY changes, old UIDs mean nothing and we start over from
// the unseen mail, which the Message-ID de-duplication makes harmless.
import { ImapFlow, type MailboxObject } from 'imapflow';
import type { Logger } from 'pino';
import { recordChannelError, saveChannelCursor } from '../../actions/channels/channel-workers.js';
import { enqueueInbound, type InboxItem } from '../../actions/channels/enqueue-inbound.js';
import { perform, type Services } from '../../actions/context.js';
import type { ChannelRow } from '../../store/schema.js';
import { retryDelayMs } from '../backoff.js';
import { OutboundAddressError, type OutboundPolicy } from '../outbound-address.js';
import { channelSettings } from '../settings.js';
import { ChannelError } from '../types.js';
import { firstAddress, header, parseHeaderBlock } from './headers.js';
import { emailExternalId } from './normalize.js';
import { mailServerAddress } from './server-address.js';

interface Cursor {
  uidValidity: string;
  lastUid: number;
}

export function startImapPoller(input: {
  channel: ChannelRow;
  services: Services;
  logger: Logger;
  node: string;
  outbound: OutboundPolicy;
  onEnqueued: () => void;
}): { stop(): Promise<void> } {
  const { channel, services, logger } = input;
  const settings = channelSettings('email', channel);
  const scope = { accountId: channel.account_id, actor: { kind: 'system' as const } };
  let stopped = false;
  let client: ImapFlow | null = null;
  let wake: () => void = () => {};

  async function sync(imap: ImapFlow): Promise<void> {
    const mailbox = imap.mailbox as MailboxObject;
    const row = await services.db
      .selectFrom('channel_workers')
      .select('cursor')
      .where('channel_id', '=', channel.id)
      .executeTakeFirst();
    const saved = row?.cursor as Partial<Cursor> | undefined;
    const validity = String(mailbox.uidValidity);
    const lastUid = saved?.uidValidity === validity ? (saved.lastUid ?? 0) : null;
    const range = lastUid === null ? await unseen(imap) : `${lastUid + 1}:*`;
    const items: (InboxItem & { uid: number })[] = [];
    if (range) {
      // "n:*" returns the last message even when its UID is below n: filter.
      for await (const msg of imap.fetch(range, { uid: true, source: true }, { uid: true })) {
        if (!msg.source || msg.uid <= (lastUid ?? 0)) continue;
        const from = firstAddress(header(parseHeaderBlock(msg.source), 'from'));
        items.push({
          uid: msg.uid,
          externalId: emailExternalId(msg.source),
          threadKey: from ?? 'unknown',
          raw: msg.source,
        });
      }
    }
    const newest = Math.max(lastUid ?? 0, mailbox.uidNext - 1, ...items.map((i) => i.uid));
    await perform(services, scope, async (ctx) => {
      if (items.length > 0) await enqueueInbound(ctx, { channelId: channel.id, items });
      await saveChannelCursor(ctx, {
        channelId: channel.id,
        node: input.node,
        cursor: { uidValidity: validity, lastUid: newest },
      });
    });
    if (items.length > 0) {
      input.onEnqueued();
      await imap.messageFlagsAdd(items.map((i) => i.uid).join(','), ['\\Seen'], { uid: true });
    }
  }

  async function session(imap: ImapFlow): Promise<void> {
    await imap.connect();
    // The lock is held only while syncing: imapflow IDLEs on its own when the
    // selected mailbox is free, and new mail then arrives as "exists".
    const run = async () => {
      const lock = await imap.getMailboxLock(settings.imapMailbox);
      try {
        await sync(imap);
      } finally {
        lock.release();
      }
    };
    let chain = run();
    imap.on('exists', () => {
      chain = chain.then(run).catch((err) => logger.warn({ err }, 'imap sync failed'));
    });
    await chain;
    await new Promise<void>((resolve) => {
      wake = resolve;
      imap.once('close', resolve);
    });
    await chain.catch(() => {});
  }

  async function loop(): Promise<void> {
    let failures = 0;
    while (!stopped) {
      let target: { host: string; servername?: string };
      try {
        target = await mailServerAddress(settings.imapHost!, input.outbound);
      } catch (error) {
        failures += 1;
        const e = classifyImapError(error);
        logger.warn({ err: e, channelId: channel.id }, 'imap host refused or not found');
        await perform(services, scope, (ctx) =>
          recordChannelError(ctx, { channelId: channel.id, error: `${e.kind}: ${e.message}` }),
        ).catch(() => {});
        await pause(failures);
        continue;
      }
      client = new ImapFlow({
        ...target,
        port: settings.imapPort,
        secure: settings.imapSecure,
        auth: { user: settings.imapUser ?? settings.address, pass: settings.imapPassword ?? '' },
        logger: false,
        // IDLE soon after each sync (imapflow waits 15 s by default): new mail shows up at once.
        autoIdleDelay: 1_000,
      });
      client.on('error', (err) => logger.warn({ err, channelId: channel.id }, 'imap error'));
      try {
        await session(client);
        failures = 0;
      } catch (error) {
        if (stopped) break;
        failures += 1;
        const e = classifyImapError(error);
        logger.warn({ err: e, channelId: channel.id }, 'imap session failed');
        await perform(services, scope, (ctx) =>
          recordChannelError(ctx, { channelId: channel.id, error: `${e.kind}: ${e.message}` }),
        ).catch(() => {});
      } finally {
        await client.logout().catch(() => client?.close());
      }
      await pause(failures);
    }
  }

  async function pause(failures: number): Promise<void> {
    if (stopped) return;
    await new Promise<void>((r) => {
      wake = r;
      setTimeout(
        r,
        retryDelayMs(
          { baseMs: 1_000, maxMs: 300_000, maxAttempts: 0 },
          Math.max(1, failures),
          services.random,
        ),
      ).unref();
    });
  }

  const running = loop();
  return {
    async stop() {
      stopped = true;
      wake();
      client?.close();
      await running;
    },
  };
}

async function unseen(imap: ImapFlow): Promise<string | null> {
  const uids = await imap.search({ seen: false }, { uid: true });
  return uids && uids.length > 0 ? uids.join(',') : null;
}

function classifyImapError(error: unknown): ChannelError {
  if (error instanceof OutboundAddressError) return new ChannelError('permanent', error.message);
  const e = error as { authenticationFailed?: boolean; message?: string };
  if (e.authenticationFailed) return new ChannelError('auth_revoked', e.message ?? 'login refused');
  return new ChannelError('temporary', e.message ?? String(error));
}
