import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export function getAccount(db: Kysely<Database>, accountId: string) {
  return db.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirst();
}

export async function listOperators(db: Kysely<Database>, accountId: string) {
  const [operators, members] = await Promise.all([
    db
      .selectFrom('operators')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('name')
      .execute(),
    db
      .selectFrom('team_members')
      .select(['operator_id', 'team_id'])
      .where('account_id', '=', accountId)
      .execute(),
  ]);
  const teams = new Map<string, string[]>();
  for (const m of members)
    teams.set(m.operator_id, [...(teams.get(m.operator_id) ?? []), m.team_id]);
  return operators.map((o) => ({ row: o, teamIds: teams.get(o.id) ?? [] }));
}

export function listTeams(db: Kysely<Database>, accountId: string) {
  return db
    .selectFrom('teams')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('name')
    .execute();
}

export function listChannels(db: Kysely<Database>, accountId: string) {
  return db
    .selectFrom('channels')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('priority')
    .execute();
}

export function findChannelByKey(db: Kysely<Database>, publicKey: string) {
  return db
    .selectFrom('channels')
    .selectAll()
    .where('public_key', '=', publicKey)
    .executeTakeFirst();
}

export function listCategories(db: Kysely<Database>, accountId: string) {
  return db
    .selectFrom('categories')
    .select(['id', 'name'])
    .where('account_id', '=', accountId)
    .orderBy('name')
    .execute();
}

export function listCannedResponses(db: Kysely<Database>, accountId: string) {
  return db
    .selectFrom('canned_responses')
    .select(['id', 'shortcut', 'text'])
    .where('account_id', '=', accountId)
    .orderBy('shortcut')
    .execute();
}

export async function operatorTeamIdsOf(db: Kysely<Database>, operatorId: string) {
  const rows = await db
    .selectFrom('team_members')
    .select('team_id')
    .where('operator_id', '=', operatorId)
    .execute();
  return rows.map((r) => r.team_id);
}
