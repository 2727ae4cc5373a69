// Ending an operator's access (log-out, deactivation, a new password) must
// close their open websockets at once, on every node: a socket is
// authenticated once, at its upgrade, and would otherwise keep receiving
// events. The signal rides the bus like typing does; it carries no data.
import type { Bus } from './bus.js';

export interface SignOutSignal {
  type: 'sign-out';
  accountId: string;
  operatorId: string;
  /** Only this credential's sockets (log-out, a revoked token); absent: all of the operator's. */
  credential?: string;
  /** Keep this credential's sockets (the operator changed their own password in it). */
  exceptCredential?: string;
}

/** Which of an operator's sockets a signal closes. */
export function signsOut(
  signal: SignOutSignal,
  p: { accountId: string; operatorId: string; credential: string },
): boolean {
  if (p.accountId !== signal.accountId || p.operatorId !== signal.operatorId) return false;
  if (signal.credential !== undefined) return p.credential === signal.credential;
  return p.credential !== signal.exceptCredential;
}

/**
 * Called after the change is committed. A bus failure is logged by nobody and
 * loses little: the sessions are already gone from the table, so the sockets
 * cannot come back after their next reconnect.
 */
export async function publishSignOut(bus: Bus, signal: Omit<SignOutSignal, 'type'>): Promise<void> {
  await bus
    .publish({ kind: 'sign-out', node: bus.node, signal: { type: 'sign-out', ...signal } })
    .catch(() => {});
}
