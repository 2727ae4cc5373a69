// A report test world: a real server whose clock the test moves, and dialogs
// played through the real actions (contact messages, takes, replies, bot and
// system messages, transfers, closes, ratings) at exact instants.

import { createCategory } from '../../src/actions/catalog/create-category.js';
import { identifyContact } from '../../src/actions/contacts/identify-contact.js';
import { perform, type Scope } from '../../src/actions/context.js';
import { closeConversation } from '../../src/actions/conversations/close-conversation.js';
import { rateConversation } from '../../src/actions/conversations/rate-conversation.js';
import { takeConversation } from '../../src/actions/conversations/take-conversation.js';
import { transferConversation } from '../../src/actions/conversations/transfer-conversation.js';
import { receiveContactMessage } from '../../src/actions/messages/receive-contact-message.js';
import { sendMessage } from '../../src/actions/messages/send-message.js';
import type { Rating } from '../../src/store/schema.js';
import {
  type AccountSpec,
  buildAccount,
  type LoginHeaders,
  loginHeaders,
  startTestServer,
  type TestAccount,
  type TestServer,
} from '../support/harness.js';

export const T0 = Date.parse('2024-03-04T08:00:00.000Z');

export interface World {
  server: TestServer;
  /** Current instant of the server's clock (epoch ms). */
  now(): number;
  at(ms: number): void;
  tick(seconds: number): void;
  close(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  let clock = T0;
  const server = await startTestServer({ now: () => new Date(clock) });
  return {
    server,
    now: () => clock,
    at: (ms) => {
      clock = ms;
    },
    tick: (seconds) => {
      clock += seconds * 1000;
    },
    close: () => server.close(),
  };
}

/** Teams are manual, so the router never assigns behind the test's back. */
export const SPEC: AccountSpec = {
  teams: [
    { name: 'billing', mode: 'manual' },
    { name: 'sales', mode: 'manual' },
  ],
  operators: [
    { name: 'Natalia', teams: ['billing', 'sales'], online: true, limit: 50 },
    { name: 'Maxim', teams: ['billing', 'sales'], online: true, limit: 50 },
    { name: 'Sveta', role: 'supervisor', teams: ['billing'], online: true, limit: 50 },
  ],
  channels: [
    { name: 'widget', kind: 'widget', priority: 1, team: 'billing' },
    { name: 'telegram', kind: 'api', priority: 2, team: 'sales' },
  ],
};

export class Play {
  readonly categories: Record<string, string> = {};
  constructor(
    readonly world: World,
    readonly account: TestAccount,
  ) {}

  static async create(world: World, spec: AccountSpec = SPEC): Promise<Play> {
    const account = await buildAccount(world.server.sb.services, spec);
    return new Play(world, account);
  }

  private run<T>(scope: Scope, action: Parameters<typeof perform<T>>[2]): Promise<T> {
    return perform(this.world.server.sb.services, scope, action).then((r) => r.result);
  }

  async category(name: string): Promise<string> {
    const row = await this.run(this.account.system, (ctx) => createCategory(ctx, { name }));
    this.categories[name] = row.id;
    return row.id;
  }

  async contact(
    channel = 'widget',
    name = 'Olga',
  ): Promise<Scope & { contactId: string; channelId: string }> {
    const channelId = this.account.channels[channel]!.id;
    const contact = await this.run(this.account.system, (ctx) =>
      identifyContact(ctx, { channelId, externalId: crypto.randomUUID(), name }),
    );
    return {
      accountId: this.account.accountId,
      actor: { kind: 'contact', id: contact.id, channelId },
      contactId: contact.id,
      channelId,
    };
  }

  /** The client writes; returns the conversation it landed in (a new one after a close). */
  async says(client: Awaited<ReturnType<Play['contact']>>, text = 'Hello'): Promise<string> {
    const result = await this.run(client, (ctx) =>
      receiveContactMessage(ctx, {
        channelId: client.channelId,
        contactId: client.contactId,
        text,
      }),
    );
    return result.conversationId;
  }

  async take(operator: string, conversationId: string) {
    await this.run(this.account.scopeOf(operator), (ctx) =>
      takeConversation(ctx, { conversationId, operatorId: this.account.operator(operator).id }),
    );
  }

  async reply(operator: string, conversationId: string, text = 'Hi, how can I help?') {
    await this.run(this.account.scopeOf(operator), (ctx) =>
      sendMessage(ctx, { conversationId, text }),
    );
  }

  async bot(conversationId: string, text = 'I am a bot') {
    await this.run(this.account.system, (ctx) =>
      sendMessage(ctx, { conversationId, text, asBot: true }),
    );
  }

  async system(conversationId: string, text = 'All operators are busy') {
    await this.run(this.account.system, (ctx) => sendMessage(ctx, { conversationId, text }));
  }

  async transfer(by: string, conversationId: string, to: { operator?: string; team?: string }) {
    await this.run(this.account.scopeOf(by), (ctx) =>
      transferConversation(ctx, {
        conversationId,
        ...(to.operator ? { toOperatorId: this.account.operator(to.operator).id } : {}),
        ...(to.team ? { toTeamId: this.account.teams[to.team]! } : {}),
      }),
    );
  }

  async closeBy(
    who: string | Scope,
    conversationId: string,
    details: { category?: string; targeted?: boolean } = {},
  ) {
    const scope = typeof who === 'string' ? this.account.scopeOf(who) : who;
    await this.run(scope, (ctx) =>
      closeConversation(ctx, {
        conversationId,
        ...(details.category ? { categoryId: this.categories[details.category]! } : {}),
        ...(details.targeted !== undefined ? { targeted: details.targeted } : {}),
      }),
    );
  }

  async rate(client: Scope, conversationId: string, rating: Rating) {
    await this.run(client, (ctx) => rateConversation(ctx, { conversationId, rating }));
  }

  private sessions = new Map<string, LoginHeaders>();

  /** One login per operator and account: logins are rate-limited per address. */
  private async session(who?: string): Promise<LoginHeaders> {
    const op = who ? this.account.operator(who) : this.account.admin;
    let headers = this.sessions.get(op.id);
    if (!headers) {
      headers = await loginHeaders(this.world.server.url, op);
      this.sessions.set(op.id, headers);
    }
    return headers;
  }

  /** GET as `who` (default the admin): status, JSON body (null for CSV), raw text, headers. */
  async get<T = unknown>(
    path: string,
    who?: string,
  ): Promise<{ status: number; body: T; text: string; headers: Headers }> {
    const { cookie } = await this.session(who);
    const res = await fetch(`${this.world.server.url}/api/v1${path}`, { headers: { cookie } });
    const text = await res.text();
    const json = res.headers.get('content-type')?.startsWith('application/json');
    return {
      status: res.status,
      body: (json ? JSON.parse(text) : null) as T,
      text,
      headers: res.headers,
    };
  }

  /** PATCH as `who` (default the admin) with a JSON body. */
  async patch(
    path: string,
    body: unknown,
    who?: string,
  ): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${this.world.server.url}/api/v1${path}`, {
      method: 'PATCH',
      headers: await this.session(who),
      body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  }
}

// The answers of the /reports endpoints, as the tests read them.
export interface OperatorRow {
  operatorId: string;
  operatorName: string;
  conversations: number;
  firstResponseAvgS: number | null;
  firstResponseMedianS: number | null;
  answeredClientMessages: number;
  unansweredClientMessages: number;
  reactionAvgS: number | null;
  durationAvgS: number | null;
  likes: number;
  dislikes: number;
  likedConversationIds: string[];
  dislikedConversationIds: string[];
  targeted: number;
  nonTargeted: number;
  auditScore: number | null;
}
export interface OperatorsBody {
  from: string;
  to: string;
  serviceLevelThresholdS: number;
  rows: OperatorRow[];
}
export interface BreakdownRow {
  key: string | null;
  label: string;
  conversations: number;
  waitAvgS: number | null;
  waitMedianS: number | null;
  firstResponseAvgS: number | null;
  serviceLevel: number | null;
  answeredWithinThreshold: number;
  abandoned: number;
  targeted: number;
  nonTargeted: number;
}
export interface BreakdownBody {
  by: string;
  serviceLevelThresholdS: number;
  rows: BreakdownRow[];
}
export interface ErrorBody {
  error: { code: string; field: string | null };
}
