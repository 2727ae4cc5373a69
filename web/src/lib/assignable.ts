import type { OperatorView } from '../api/types';

/**
 * The operators a conversation may be handed to from a picker (transfer,
 * monitor assign): active people other than the ones excluded. A deactivated
 * operator can never take a conversation, so is never offered.
 */
export function assignableOperators(
  operators: readonly OperatorView[],
  exclude: readonly (string | null)[],
): OperatorView[] {
  return operators.filter((o) => o.active && !exclude.includes(o.id));
}
