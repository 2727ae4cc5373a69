// Which conversations an operator may open: supervisors and admins all of the
// account; operators their own, those waiting in their teams' (or no team's)
// queues, and those a private note mentions them in. The conversation routes
// and the workspace routes ask here.
import type { Kysely } from 'kysely';
import type { Scope } from '../actions/context.js';
import { can } from '../actions/policy.js';
import { notFound } from '../errors.js';
import { operatorTeamIdsOf } from '../store/queries/account.js';
import { getConversation } from '../store/queries/conversations.js';
import { mentionedIn } from '../store/queries/workday.js';
import type { ConversationWithContact, Database } from '../store/schema.js';

/** The operator's teams, or null when they see every team (supervisors, admins). */
export async function teamsSeenBy(
  db: Kysely<Database>,
  scope: Scope & { operatorId: string },
): Promise<string[] | null> {
  return can(scope.actor, 'conversation.manage') ? null : operatorTeamIdsOf(db, scope.operatorId);
}

export function seesByTeam(
  conv: { operator_id: string | null; team_id: string | null },
  operatorId: string,
  teams: string[] | null,
): boolean {
  return (
    teams === null ||
    conv.operator_id === operatorId ||
    conv.team_id === null ||
    teams.includes(conv.team_id)
  );
}

/** The conversation if the operator may open it, else 404 (its existence is not revealed). */
export async function loadVisibleConversation(
  db: Kysely<Database>,
  scope: Scope & { operatorId: string },
  conversationId: string,
): Promise<ConversationWithContact> {
  const [teams, conv] = await Promise.all([
    teamsSeenBy(db, scope),
    getConversation(db, scope.accountId, conversationId),
  ]);
  if (!conv) throw notFound('Conversation');
  if (seesByTeam(conv, scope.operatorId, teams)) return conv;
  if (await mentionedIn(db, scope.accountId, conv.id, scope.operatorId)) return conv;
  throw notFound('Conversation');
}
