// A channel's health as admins read it.

/**
 * Current trouble versus past trouble: an error stands for the channel's state
 * only until something works after it — a poller clears it itself, and a
 * delivery sent after it shows the channel works again.
 */
export function channelState(input: {
  error: string | null;
  errorAt: Date | null;
  lastSuccessAt: Date | null;
}): { state: 'ok' | 'failing'; currentError: string | null; lastError: string | null } {
  const cleared =
    input.error === null ||
    (input.errorAt !== null && input.lastSuccessAt !== null && input.lastSuccessAt > input.errorAt);
  return {
    state: cleared ? 'ok' : 'failing',
    currentError: cleared ? null : input.error,
    lastError: input.error,
  };
}
