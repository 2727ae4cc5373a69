export { chooseOperator } from './choose-operator.js';
export {
  hasRoom,
  isEligible,
  languageExpiresAt,
  languageRequired,
  speaks,
} from './eligibility.js';
export { type Plan, type PlanInput, planAssignments } from './plan.js';
export { connectionDropped, type PresenceRow, type PresenceTiming } from './presence.js';
export { compareQueue, sortQueue } from './queue-order.js';
export { estimateWait, queuePosition, type WaitEstimateInput } from './queue-position.js';
export {
  type Assignment,
  type DistributionMode,
  type OperatorStatus,
  type QueuedConversation,
  type RoundRobinState,
  type RoutingContext,
  type RoutingOperator,
  type RoutingPolicy,
  type RoutingTeam,
  teamKey,
} from './types.js';
