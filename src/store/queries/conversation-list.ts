// Conversation lists beyond "mine" and the queue (issue 15): open or closed,
// filtered by channel, team, operator, state, category and creation period,
// newest first, paged by keyset (created_at, id) so page 1,000 costs what
// page 1 does (index conversations_account_state_created, migration 017).
import { type Kysely, type SqlBool, sql } from 'kysely';
import { invalid } from '../../errors.js';
import type { ConversationState, Database } from '../schema.js';
import { contactName } from './conversations.js';
import { type Viewer, visibleTo } from './visibility.js';

export interface ListFilter {
  /** One state, or `open` for every state but closed. */
  state?: ConversationState | 'open';
  channelId?: string;
  teamId?: string;
  operatorId?: string;
  categoryId?: string;
  contactId?: string;
  ids?: string[];
  /** Creation period, `to` exclusive. */
  from?: Date;
  to?: Date;
  /** The last row of the previous page. */
  before?: { at: Date; id: string };
  limit: number;
}

export async function listConversationPage(
  db: Kysely<Database>,
  accountId: string,
  viewer: Viewer,
  f: ListFilter,
) {
  let q = db
    .selectFrom('conversations')
    .selectAll()
    .select(contactName)
    .where('account_id', '=', accountId)
    .where((eb) => visibleTo(eb, viewer));
  if (f.state === 'open') q = q.where('state', 'in', ['bot', 'queued', 'assigned']);
  else if (f.state) q = q.where('state', '=', f.state);
  if (f.channelId) q = q.where('channel_id', '=', f.channelId);
  if (f.teamId) q = q.where('team_id', '=', f.teamId);
  if (f.operatorId) q = q.where('operator_id', '=', f.operatorId);
  if (f.categoryId) q = q.where('category_id', '=', f.categoryId);
  if (f.contactId) q = q.where('contact_id', '=', f.contactId);
  if (f.ids) q = q.where('id', 'in', f.ids);
  if (f.from) q = q.where('created_at', '>=', f.from);
  if (f.to) q = q.where('created_at', '<', f.to);
  const before = f.before;
  if (before) q = q.where(sql<SqlBool>`(created_at, id) < (${before.at}, ${before.id}::uuid)`);
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit + 1)
    .execute();
  const more = rows.length > f.limit;
  const page = more ? rows.slice(0, f.limit) : rows;
  const last = page[page.length - 1];
  return {
    rows: page,
    next: more && last ? { at: new Date(last.created_at), id: last.id } : null,
  };
}

const TABLES = {
  channelId: 'channels',
  teamId: 'teams',
  operatorId: 'operators',
  categoryId: 'categories',
  contactId: 'contacts',
} as const;

/** Every id filter names a row of the caller's account, or a 400 names the field. */
export async function checkListIds(
  db: Kysely<Database>,
  accountId: string,
  ids: Partial<Record<keyof typeof TABLES, string | undefined>>,
): Promise<void> {
  for (const field of Object.keys(TABLES) as (keyof typeof TABLES)[]) {
    const id = ids[field];
    if (id === undefined) continue;
    const row = await db
      .selectFrom(TABLES[field])
      .select('id')
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    if (!row) throw invalid(field, 'Not found in your account.');
  }
}
