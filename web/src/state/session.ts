// The logged-in operator and their account. `null` shows the login form.
import { api, setCsrfToken } from '../api/client';
import type { Account, LoginAnswer, Me, OperatorView } from '../api/types';
import { createStore } from './store';

export type SessionState =
  | { phase: 'loading' }
  | { phase: 'anonymous' }
  | { phase: 'ready'; me: Me };

export const session = createStore<SessionState>({ phase: 'loading' });

export function currentMe(): Me | null {
  const s = session.get();
  return s.phase === 'ready' ? s.me : null;
}

export async function loadSession(): Promise<void> {
  try {
    const me = await api.get<Me>('/me');
    setCsrfToken(me.csrfToken);
    session.set({ phase: 'ready', me });
  } catch {
    setCsrfToken(null);
    session.set({ phase: 'anonymous' });
  }
}

/** A background refresh: keeps the session on network errors (a 401 logs out elsewhere). */
export async function refreshSession(): Promise<void> {
  const me = await api.get<Me>('/me');
  const current = session.get();
  if (current.phase === 'ready' && JSON.stringify(current.me) === JSON.stringify(me)) return;
  setCsrfToken(me.csrfToken);
  session.set({ phase: 'ready', me });
}

export async function logIn(
  email: string,
  password: string,
  accountId: string | null = accountInLink(),
): Promise<void> {
  const res = await api.post<LoginAnswer>('/auth/login', {
    email,
    password,
    ...(accountId ? { accountId } : {}),
  });
  setCsrfToken(res.csrfToken);
  await loadSession();
}

/**
 * One e-mail may belong to operators of several accounts; a link with
 * `?account=<id>` logs in to that one (docs/api.md), else the oldest.
 */
function accountInLink(): string | null {
  const id = new URLSearchParams(window.location.search).get('account');
  return id && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)
    ? id
    : null;
}

export async function logOut(): Promise<void> {
  try {
    await api.post('/auth/logout');
  } finally {
    setCsrfToken(null);
    session.set({ phase: 'anonymous' });
  }
}

/** Keeps `me` current when an operator.updated event concerns the logged-in operator. */
export function updateMe(operator: OperatorView): void {
  session.set((s) =>
    s.phase === 'ready' && s.me.operator.id === operator.id
      ? { phase: 'ready', me: { ...s.me, operator } }
      : s,
  );
}

/** New account settings (SLA thresholds, limits…) from `account.updated`: they apply at once. */
export function updateAccount(account: Account): void {
  session.set((s) =>
    s.phase === 'ready' && s.me.account.id === account.id
      ? { phase: 'ready', me: { ...s.me, account } }
      : s,
  );
}

export function isSupervisor(me: Me | null): boolean {
  return me?.operator.role === 'supervisor' || me?.operator.role === 'admin';
}

export function isAdmin(me: Me | null): boolean {
  return me?.operator.role === 'admin';
}
