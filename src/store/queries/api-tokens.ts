import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export interface ApiTokenView {
  id: string;
  name: string;
  operatorId: string;
  operatorName: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  expired: boolean;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The account's API tokens (all of them for admins, else the operator's own), newest first. */
export async function listApiTokens(
  db: Kysely<Database>,
  accountId: string,
  filter: { operatorId: string | null },
  now: Date,
): Promise<ApiTokenView[]> {
  let query = db
    .selectFrom('api_tokens as t')
    .innerJoin('operators as o', 'o.id', 't.operator_id')
    .select([
      't.id',
      't.name',
      't.operator_id',
      'o.name as operator_name',
      't.created_at',
      't.last_used_at',
      't.expires_at',
    ])
    .where('t.account_id', '=', accountId)
    .orderBy('t.created_at', 'desc')
    .orderBy('t.id');
  if (filter.operatorId) query = query.where('t.operator_id', '=', filter.operatorId);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    operatorId: r.operator_id,
    operatorName: r.operator_name,
    createdAt: iso(r.created_at)!,
    lastUsedAt: iso(r.last_used_at),
    expiresAt: iso(r.expires_at),
    expired: r.expires_at !== null && new Date(r.expires_at) <= now,
  }));
}
