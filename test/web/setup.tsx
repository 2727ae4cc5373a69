// Helpers for component tests: a signed-in operator, reference data and the
// providers every view expects.
import type { ReactNode } from 'react';
import type {
  AccountSettings,
  CannedResponse,
  ChannelView,
  ConversationView,
  Me,
  TeamView,
} from '../../web/src/api/types';
import { I18nProvider } from '../../web/src/i18n';
import { reference } from '../../web/src/state/reference';
import { session } from '../../web/src/state/session';
import { contacts, mine, queue } from '../../web/src/state/workspace';

export const SETTINGS: AccountSettings = {
  defaultLimit: 5,
  sla: { yellowMs: 2000, redMs: 4000 },
  serviceLevelTargetMs: 20_000,
  categoryRequired: false,
  routing: { mode: 'least_loaded', languageRouting: false, languageTimeoutMs: 60_000 },
  workingHours: null,
};

export function signIn(settings: Partial<AccountSettings> = {}): Me {
  const me: Me = {
    operator: {
      id: 'op-olga',
      email: 'olga@test.example',
      name: 'Olga',
      role: 'operator',
      status: 'online',
      limit: 5,
      openCount: 0,
      languages: ['en'],
      teamIds: ['team-desk'],
      active: true,
      invited: false,
    },
    account: { id: 'acc', name: 'Test', settings: { ...SETTINGS, ...settings } },
    alerts: {
      sound: true,
      desktop: true,
      assigned: true,
      messages: true,
      queue: true,
      mentions: true,
    },
    csrfToken: 'csrf',
  };
  session.set({ phase: 'ready', me });
  return me;
}

export const TEAM: TeamView = {
  id: 'team-desk',
  name: 'Desk',
  mode: 'manual',
  languageRouting: false,
  languageTimeoutMs: 60_000,
  workingHours: null,
};

export function channel(id: string, priority: number, settings: Record<string, unknown> = {}) {
  return {
    id,
    kind: 'widget',
    name: `Chat ${id}`,
    priority,
    defaultTeamId: TEAM.id,
    publicKey: `key-${id}`,
    settings,
  } satisfies ChannelView;
}

export function setReference(
  channels: ChannelView[],
  canned: CannedResponse[] = [],
  teams: TeamView[] = [TEAM],
): void {
  reference.set({ operators: [], teams, channels, categories: [], canned });
}

let seq = 0;
export function queued(
  channelId: string,
  priority: number,
  queuedAt: number,
  over: Partial<ConversationView> = {},
): ConversationView {
  seq += 1;
  const at = new Date(queuedAt).toISOString();
  return {
    id: `conv-${seq}`,
    channelId,
    contactId: `contact-${seq}`,
    contactName: null,
    teamId: TEAM.id,
    operatorId: null,
    state: 'queued',
    priority,
    language: 'en',
    categoryId: null,
    targeted: null,
    rating: null,
    lastSeq: 1,
    createdAt: at,
    queuedAt: at,
    assignedAt: null,
    firstOperatorReplyAt: null,
    closedAt: null,
    closedBy: null,
    visitorContext: null,
    closeNote: null,
    reopenedFromId: null,
    flag: null,
    ...over,
  };
}

export function resetStores(): void {
  queue.set(new Map());
  mine.set(new Map());
  contacts.set(new Map());
}

export function Providers({ children }: { children: ReactNode }) {
  return <I18nProvider lang="en">{children}</I18nProvider>;
}
