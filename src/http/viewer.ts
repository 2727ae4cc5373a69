import type { FastifyRequest } from 'fastify';
import type { Services } from '../actions/context.js';
import { authorize, can } from '../actions/policy.js';
import { operatorTeamIdsOf } from '../store/queries/account.js';
import type { Viewer } from '../store/queries/visibility.js';
import { operatorScope } from './auth.js';

/**
 * Who is looking, for lists and search: supervisors and admins see every
 * conversation of the account (teamIds null); an operator their own, their
 * teams' and those of no team.
 */
export async function viewerOf(services: Services, request: FastifyRequest): Promise<Viewer> {
  const scope = operatorScope(request);
  authorize(scope.actor, 'conversation.work');
  return {
    operatorId: scope.operatorId,
    teamIds: can(scope.actor, 'conversation.manage')
      ? null
      : await operatorTeamIdsOf(services.db, scope.operatorId),
  };
}
