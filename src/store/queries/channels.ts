// Channel reads for the HTTP edge: a visitor's channel settings (allowed
// origins, widget options) and the demo page's channel.
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** The settings of one channel of the account, or undefined when there is none. */
export async function channelSettings(
  db: Kysely<Database>,
  accountId: string,
  channelId: string,
): Promise<Record<string, unknown> | undefined> {
  const row = await db
    .selectFrom('channels')
    .select('settings')
    .where('id', '=', channelId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row?.settings;
}

/**
 * The public key of the demo shop's widget channel. One per install as a
 * rule; when there are several (a database shared by test runs, a re-seeded
 * demo) the newest wins.
 */
export async function demoChannelKey(db: Kysely<Database>): Promise<string | null> {
  const row = await db
    .selectFrom('channels')
    .select('public_key')
    .where('kind', '=', 'widget')
    .where((eb) => eb(eb.ref('settings', '->>').key('demo'), '=', 'true'))
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.public_key ?? null;
}
