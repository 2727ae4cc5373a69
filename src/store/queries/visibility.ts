// Which conversations a member of staff may see, as SQL (the same rule as
// seesByTeam in src/http/conversation-access.ts): supervisors and admins see
// every conversation of the account; an operator sees their own, those of
// their teams and those of no team. Lists and search both filter with it.
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../schema.js';

export interface Viewer {
  operatorId: string;
  /** The operator's teams; null for supervisors and admins, who see everything. */
  teamIds: string[] | null;
}

export function visibleTo(
  eb: ExpressionBuilder<Database, 'conversations'>,
  viewer: Viewer,
): Expression<SqlBool> {
  if (viewer.teamIds === null) return sql<SqlBool>`true`;
  const teams = viewer.teamIds;
  return eb.or([
    eb('conversations.operator_id', '=', viewer.operatorId),
    eb('conversations.team_id', 'is', null),
    ...(teams.length > 0 ? [eb('conversations.team_id', 'in', teams)] : []),
  ]);
}
