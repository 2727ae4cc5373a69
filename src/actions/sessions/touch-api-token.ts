import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';

/** last_used_at is for people (which token is still in use), so a minute is precise enough. */
export const TOKEN_USE_RESOLUTION_MS = 60_000;

/**
 * Records that a token was used. Most requests skip it (the caller checks the
 * read value first), and the conditional update lets only one of concurrent
 * requests, on any node, write within a minute.
 */
export async function touchApiToken(db: Kysely<Database>, tokenId: string, now: Date) {
  const before = new Date(now.getTime() - TOKEN_USE_RESOLUTION_MS);
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: now })
    .where('id', '=', tokenId)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', before)]))
    .execute();
}
