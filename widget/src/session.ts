// The visitor's signed token: asked for only when needed (page views create no
// contacts), renewed when refused. Concurrent callers share one request, so
// one visitor never becomes two contacts.
import type { VisitorSession } from '../../src/contract/visitor.js';
import type { Api } from './api.js';
import type { KeyValueStore } from './outbox.js';

export interface Session {
  readonly token: string | null;
  /** A token was refused and no new one obtained yet. */
  readonly refused: boolean;
  ensure(profile?: { name?: string; email?: string }): Promise<void>;
  /** The token was refused (secret rotated, channel moved): forget it. */
  drop(): void;
  /** Drop and ask for a fresh one now. */
  renew(): Promise<void>;
}

export function createSession(
  api: Api,
  store: KeyValueStore,
  channelKey: string,
  onToken: () => void,
): Session {
  let token = store.getItem('token');
  let call: Promise<void> | null = null;
  /** The last token the server refused, offered once more when asking for a new one. */
  let refused: string | null = null;
  const session: Session = {
    get token() {
      return token;
    },
    get refused() {
      return refused !== null;
    },
    ensure(profile) {
      if (token && !profile) return Promise.resolve();
      if (call && !profile) return call;
      const previous = token ?? refused;
      call = api<VisitorSession>('POST', '/widget/session', {
        channelKey,
        // The old token lets the server keep the same visitor when it still can.
        ...(previous ? { token: previous } : {}),
        ...profile,
      })
        .then((res) => {
          token = res.token;
          refused = null;
          store.setItem('token', token);
          store.setItem('tokenAt', String(Date.now()));
          onToken();
        })
        .finally(() => {
          call = null;
        });
      return call;
    },
    drop() {
      if (token) refused = token;
      token = null;
    },
    async renew() {
      session.drop();
      await session.ensure().catch(() => {
        // Offline or limited: the next send or reconnect asks again.
      });
    },
  };
  return session;
}
