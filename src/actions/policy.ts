// Authorization in one place. Every route and every action that acts for a
// person asks here; a route without a policy check should look wrong.
import { AppError } from '../errors.js';
import type { Role } from '../store/schema.js';
import type { Actor } from './context.js';

const RANK: Record<Role, number> = { operator: 1, supervisor: 2, admin: 3 };

export type Permission =
  | 'conversation.work' // read queues, take, answer, close own conversations
  | 'conversation.manage' // assign/reassign any conversation, force transfers
  | 'operator.manage' // change others' status and limit
  | 'account.configure' // operators, teams, channels, categories, settings
  | 'audit.review' // read dialog audits, sample and review them
  | 'staffing.plan' // read the staffing forecast
  | 'report.read'; // read statistics reports and their CSV exports

const REQUIRED: Record<Permission, Role> = {
  'conversation.work': 'operator',
  'conversation.manage': 'supervisor',
  'operator.manage': 'supervisor',
  'account.configure': 'admin',
  'audit.review': 'supervisor',
  'staffing.plan': 'supervisor',
  'report.read': 'supervisor',
};

export function can(actor: Actor, permission: Permission): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'operator') return false;
  return RANK[actor.role] >= RANK[REQUIRED[permission]];
}

export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new AppError('forbidden');
}

/** Whether the actor handles this conversation: its operator, a supervisor or above, the system. */
export function handles(actor: Actor, conversation: { operator_id: string | null }): boolean {
  if (actor.kind === 'contact') return false;
  if (actor.kind === 'operator' && actor.id === conversation.operator_id) return true;
  return can(actor, 'conversation.manage');
}

/** Refuses anyone but the conversation's operator or a supervisor; `doing` completes the message. */
export function authorizeHandling(
  actor: Actor,
  conversation: { operator_id: string | null },
  doing: string,
): void {
  if (!handles(actor, conversation))
    throw new AppError(
      'forbidden',
      `Only the conversation's operator or a supervisor can ${doing}.`,
    );
}
