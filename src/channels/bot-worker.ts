// Posts client messages to external bots (the bot API, docs/bot.md), signed
// like the outgoing webhooks and carrying a delivery id the bot drops repeats
// by; retries a failed post until the channel's answer deadline, and hands the
// conversation over when the deadline passes without the bot answering.

import {
  type BotDeliveryRow,
  claimBotDeliveries,
  expireBotDelivery,
  recordBotAttempt,
} from '../actions/bot/bot-deliveries.js';
import type { Services } from '../actions/context.js';
import { perform } from '../actions/context.js';
import { botSettingsOf } from './bot-settings.js';
import { classifyHttpError, postSignedForAnswer } from './http-post.js';
import { createPump, type Pump } from './pump.js';
import { systemScope, type WorkerDeps } from './worker-deps.js';

const BATCH = 10;

/** What the bot receives for each client message (docs/bot.md "The bot API"). */
export interface BotMessageBody {
  type: 'bot.message';
  deliveryId: string;
  accountId: string;
  channelId: string;
  conversation: {
    id: string;
    language: string | null;
    teamId: string | null;
    categoryId: string | null;
  };
  contact: { id: string; name: string | null };
  message: { id: string; seq: number; text: string; createdAt: string };
  /** Where the bot answers: POST {replyUrl}/messages, /hand-over, /close; PATCH {replyUrl}. */
  replyUrl: string;
}

export function createBotWorker(deps: WorkerDeps, publicUrl: () => string): Pump {
  const { services, options } = deps;
  const pump = createPump(
    'bot-deliveries',
    async () => {
      const rows = await claimBotDeliveries(services.db, {
        now: services.now(),
        limit: BATCH,
        leaseMs: options.leaseMs,
      });
      await Promise.all(rows.map((row) => attempt(row)));
      return rows.length > 0;
    },
    { intervalMs: options.pollMs, logger: deps.logger, now: services.now },
  );

  async function attempt(row: BotDeliveryRow): Promise<void> {
    const scope = systemScope(row.account_id);
    const now = services.now();
    const left = new Date(row.deadline_at).getTime() - now.getTime();
    if (row.status === 'sent' || left <= 0) {
      // Not answered by the deadline (a 'sent' one comes back only then).
      await perform(services, scope, (ctx) => expireBotDelivery(ctx, { delivery: row }));
      return;
    }
    const outcome = await post(services, row, publicUrl(), Math.min(left, options.timeoutMs)).then(
      () => ({ ok: true as const }),
      (error: unknown) => ({ ok: false as const, error: classifyHttpError(error).message }),
    );
    if (!outcome.ok)
      deps.logger.warn({ deliveryId: row.id, error: outcome.error }, 'bot delivery failed');
    await perform(services, scope, (ctx) =>
      recordBotAttempt(ctx, { delivery: row, outcome, policy: options.retry }),
    );
    pump.kickAt(new Date(row.deadline_at));
    if (!outcome.ok)
      pump.kickAt(new Date(Math.min(Date.now() + options.retry.baseMs, Date.now() + left)));
  }

  async function post(services: Services, row: BotDeliveryRow, base: string, timeoutMs: number) {
    const found = await services.db
      .selectFrom('messages as m')
      .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
      .innerJoin('channels as ch', 'ch.id', 'c.channel_id')
      .innerJoin('contacts as ct', 'ct.id', 'c.contact_id')
      .select([
        'm.id',
        'm.seq',
        'm.text',
        'm.created_at',
        'c.language',
        'c.team_id',
        'c.category_id',
        'c.contact_id',
        'ct.name as contact_name',
        'ch.settings',
      ])
      .where('m.id', '=', row.message_id)
      .executeTakeFirst();
    const bot = found ? botSettingsOf(found.settings) : null;
    const secret = found?.settings.botSecret;
    if (!found || bot?.mode !== 'external' || typeof secret !== 'string')
      throw new Error('The channel has no external bot with credentials.');
    const body: BotMessageBody = {
      type: 'bot.message',
      deliveryId: row.id,
      accountId: row.account_id,
      channelId: row.channel_id,
      conversation: {
        id: row.conversation_id,
        language: found.language,
        teamId: found.team_id,
        categoryId: found.category_id,
      },
      contact: { id: found.contact_id, name: found.contact_name },
      message: {
        id: found.id,
        seq: found.seq,
        text: found.text,
        createdAt: new Date(found.created_at).toISOString(),
      },
      replyUrl: `${base}/api/v1/bot/conversations/${row.conversation_id}`,
    };
    await postSignedForAnswer({
      url: bot.url,
      secret,
      body: JSON.stringify(body),
      deliveryId: row.id,
      now: services.now(),
      timeoutMs,
      policy: deps.outbound,
      headers: { 'x-switchboard-event': 'bot.message' },
    });
  }

  return pump;
}
