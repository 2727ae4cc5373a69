// Which status an operator has after logging in. Pure.

export type OperatorStatus = 'online' | 'away' | 'offline';

/**
 * The status an operator returns to at log-in: the one they (or a supervisor)
 * last chose. Someone who never chose one keeps what they have, except that at
 * their very first log-in the account decides: Online when its settings say
 * new operators start online, else as they are (Offline for a new operator).
 */
export function statusAtLogin(input: {
  status: OperatorStatus;
  chosen: OperatorStatus | null;
  firstLogin: boolean;
  newOperatorsOnline: boolean;
}): OperatorStatus {
  if (input.chosen) return input.chosen;
  if (input.firstLogin && input.newOperatorsOnline) return 'online';
  return input.status;
}
