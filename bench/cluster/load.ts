// The load generator: operators and supervisors on websockets with API tokens,
// visitors through the public widget API (session, socket, messages). While
// conversations arrive, sockets drop and resume, operators go away or offline
// and come back, and in the middle one node is killed (the caller's
// `midpoint`). Operators learn of their conversations only from their socket
// (and REST when told to fetch state), as the web app does; what they never
// hear of stays open and is counted as stuck.
import { performance } from 'node:perf_hooks';
import {
  type ClientRecord,
  closeCodes,
  type EventFrame,
  type HttpCallArgs,
  httpCall,
  RealtimeClient,
  record,
} from './client.js';
import type { Fixture, Staff } from './fixture.js';
import { pool, sleep, waitUntil } from './waits.js';

export interface LoadOptions {
  entry: () => string;
  fixture: Fixture;
  conversations: number;
  /** New conversations per second. */
  arrivalsPerSecond: number;
  /** Socket drops, status changes: off for a calm run. */
  chaos: boolean;
  /** Called once, when half the conversations have started (kill and restart a node). */
  midpoint?: () => Promise<void>;
  /** The drain ends when nothing has closed for this long. */
  drainStallMs: number;
  /** Conversations not closed yet, from the database. */
  openConversations: () => Promise<number>;
  /** The account's newest event id, from the database. */
  latestEventId: () => Promise<number>;
  random: () => number;
  log: (s: string) => void;
}

export interface ClientResult extends ClientRecord {
  kind: 'operator' | 'supervisor' | 'visitor';
  operatorId: string | null;
  teamId: string | null;
  contactId: string | null;
  channelId: string | null;
}

export interface LoadResult {
  clients: ClientResult[];
  /** Messages the server acknowledged (ack frame or HTTP 2xx): id and conversation. */
  acked: { id: string; conversationId: string }[];
  /**
   * Per conversation, wall-clock ms: the opening message's first transmission,
   * the assignment's commit stamp (`at`), and its receipt on the assignee's socket.
   */
  assignTimes: Map<string, { sent: number; committed: number; seen: number }>;
  /** Receive time minus event time, live events only, ms. */
  eventLags: number[];
  /** The newest event id once the cluster was quiet: every client's entitlement ends here. */
  finalBound: number;
  reconnects: number;
  statusChanges: number;
  transfers: number;
  seconds: number;
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const { fixture, random } = o;
  const ws = () => o.entry().replace(/^http/, 'ws');
  const acked: LoadResult['acked'] = [];
  const openedAt = new Map<string, number>();
  const assignedSeenAt = new Map<string, number>();
  const assignedCommittedAt = new Map<string, number>();
  let transfers = 0;
  let statusChanges = 0;
  let chaosOn = o.chaos;

  const call = (...args: HttpCallArgs) => httpCall(o.entry, ...args);

  // Operators ---------------------------------------------------------------
  const operators = fixture.staff.filter((s) => s.role === 'operator');
  const byTeam = new Map<string, Staff[]>();
  for (const s of operators) byTeam.set(s.teamId!, [...(byTeam.get(s.teamId!) ?? []), s]);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;

  interface Agent {
    staff: Staff;
    client: RealtimeClient;
    mine: Set<string>;
    away: boolean;
  }

  function agent(staff: Staff): Agent {
    const a: Agent = {
      staff,
      client: null as unknown as RealtimeClient,
      mine: new Set(),
      away: false,
    };
    a.client = new RealtimeClient(() => `${ws()}/api/v1/ws?token=${staff.token}`, {
      onReady(fresh) {
        if (fresh && staff.role === 'operator') void fetchMine(a);
      },
      onEvent(e, live) {
        if (staff.role === 'operator') onOperatorEvent(a, e, live);
      },
    });
    return a;
  }

  function onOperatorEvent(a: Agent, e: EventFrame, live: boolean) {
    const me = a.staff.id;
    const id = e.conversationId;
    if (!id) return;
    const p = e.payload;
    if (e.type === 'conversation.assigned' && p.operatorId === me) {
      if (live && !assignedSeenAt.has(id)) {
        assignedSeenAt.set(id, performance.now());
        assignedCommittedAt.set(id, Date.parse(e.at));
      }
      take(a, id);
    } else if (e.type === 'conversation.transferred' && p.toOperatorId === me) take(a, id);
    else if (
      (e.type === 'conversation.transferred' && p.fromOperatorId === me) ||
      e.type === 'conversation.closed' ||
      e.type === 'conversation.queued'
    )
      a.mine.delete(id);
  }

  async function fetchMine(a: Agent) {
    const res = await call('GET', '/api/v1/conversations?state=assigned&mine=true', a.staff.token);
    for (const c of (res.body?.conversations as { id: string }[] | undefined) ?? []) take(a, c.id);
  }

  function take(a: Agent, conversationId: string) {
    if (a.mine.has(conversationId)) return;
    a.mine.add(conversationId);
    void work(a, conversationId).catch((error) => o.log(`operator work failed: ${error}`));
  }

  /** Answer a few times, then close — or hand over to another team or a colleague. */
  async function work(a: Agent, conversationId: string) {
    const replies = 1 + Math.floor(random() * 3);
    for (let i = 0; i < replies; i++) {
      await sleep(300 + random() * 900);
      if (!a.mine.has(conversationId)) return;
      const r = await a.client.send({ conversationId, text: `Reply ${i + 1}` });
      if (r.ok) acked.push({ id: r.message.id, conversationId });
      else return;
    }
    if (!a.mine.has(conversationId)) return;
    const roll = random();
    const path = `/api/v1/conversations/${conversationId}`;
    if (roll < 0.1 && fixture.teams.length > 1) {
      const toTeamId = pick(fixture.teams.filter((t) => t !== a.staff.teamId));
      const r = await call('POST', `${path}/transfer`, a.staff.token, { toTeamId });
      if (r.status === 200) {
        transfers += 1;
        a.mine.delete(conversationId);
        return;
      }
    } else if (roll < 0.2) {
      const colleague = pick(byTeam.get(a.staff.teamId!)!.filter((s) => s.id !== a.staff.id));
      if (colleague) {
        const r = await call('POST', `${path}/transfer`, a.staff.token, {
          toOperatorId: colleague.id,
        });
        if (r.status === 200) {
          transfers += 1;
          a.mine.delete(conversationId);
          return;
        }
      }
    }
    await call('POST', `${path}/close`, a.staff.token, {});
    a.mine.delete(conversationId);
  }

  async function setStatus(a: Agent, status: 'online' | 'away' | 'offline') {
    await call('PUT', `/api/v1/operators/${a.staff.id}/status`, a.staff.token, { status });
    statusChanges += 1;
  }

  // Visitors ----------------------------------------------------------------
  interface Visitor {
    client: RealtimeClient;
    contactId: string;
    channelId: string;
    conversationId: string | null;
    closed: boolean;
  }
  const visitors: Visitor[] = [];

  async function visit(i: number) {
    const channel = fixture.channels[i % fixture.channels.length]!;
    // Each visitor comes from an address of their own, as real ones do (the
    // nodes trust X-Forwarded-For from loopback; per-IP limits apply per visitor).
    const forwarded = { 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` };
    const session = await call(
      'POST',
      '/api/v1/widget/session',
      '',
      { channelKey: channel.key },
      forwarded,
    );
    if (session.status !== 200)
      throw new Error(`widget session: ${session.status} ${JSON.stringify(session.body)}`);
    const token = session.body!.token as string;
    const v: Visitor = {
      client: null as unknown as RealtimeClient,
      contactId: session.body!.contactId as string,
      channelId: channel.id,
      conversationId: null,
      closed: false,
    };
    v.client = new RealtimeClient(
      () => `${ws()}/api/v1/visitor/ws?token=${encodeURIComponent(token)}`,
      {
        onReady() {},
        onEvent(e) {
          if (e.type === 'conversation.closed' && e.conversationId === v.conversationId)
            v.closed = true;
        },
      },
      forwarded,
    );
    visitors.push(v);
    v.client.start();
    // Creation is when the opening message leaves the visitor, not when its
    // socket started connecting.
    const first = await v.client.send({ text: 'Hello, I need help with my order' });
    if (!first.ok) throw new Error(`first message refused: ${first.code}`);
    v.conversationId = first.conversationId;
    openedAt.set(first.conversationId, first.sentAt);
    acked.push({ id: first.message.id, conversationId: first.conversationId });
    // A follow-up or two at once, before any operator could close the dialog
    // (a message after the close would open a new conversation).
    const more = Math.floor(random() * 3);
    for (let k = 0; k < more && !v.closed; k++) {
      const r = await v.client.send({ text: `Order ${i}-${k}` });
      if (r.ok) acked.push({ id: r.message.id, conversationId: r.conversationId });
    }
    // Some clients end the conversation themselves.
    if (random() < 0.08) {
      await sleep(500 + random() * 2000);
      if (!v.closed)
        await call(
          'POST',
          `/api/v1/visitor/conversations/${v.conversationId}/close`,
          token,
          undefined,
          forwarded,
        );
    }
  }

  // The run -----------------------------------------------------------------
  const staff = fixture.staff.map(agent);
  const agents = staff.filter((a) => a.staff.role === 'operator');
  for (const a of staff) a.client.start();
  await waitUntil(() => staff.every((a) => a.client.ready), 120_000, 'staff sockets ready');
  await pool(agents, 16, (a) => setStatus(a, 'online'));
  o.log(`${staff.length} staff connected, ${agents.length} operators online`);

  const t0 = performance.now();
  const chaos = chaosOn ? startChaos() : null;
  const starts: Promise<void>[] = [];
  let midpoint: Promise<void> | null = null;
  for (let i = 0; i < o.conversations; i++) {
    const due = t0 + (i * 1000) / o.arrivalsPerSecond;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    starts.push(visit(i).catch((error) => o.log(`visitor ${i}: ${error}`)));
    if (i === Math.floor(o.conversations / 2) && o.midpoint) midpoint = o.midpoint();
    if (i % 250 === 249) o.log(`${i + 1} conversations started`);
  }
  await Promise.all(starts);
  await midpoint;
  chaosOn = false;
  await chaos?.stopped;
  await pool(agents, 16, async (a) => {
    await setStatus(a, 'online');
    a.away = false;
  });
  const everyone = [...staff.map((a) => a.client), ...visitors.map((v) => v.client)];
  await waitUntil(() => everyone.every((c) => c.ready), 60_000, 'every socket back');
  o.log(`all started; draining (ends after ${o.drainStallMs} ms without a close)`);

  // Drain: operators close what they know of; stop when nothing moves.
  let lastOpen = -1;
  let lastChange = performance.now();
  for (;;) {
    const open = await o.openConversations();
    if (open !== lastOpen) {
      lastOpen = open;
      lastChange = performance.now();
    }
    if (open === 0 && everyone.every((c) => c.inFlight === 0)) break;
    if (performance.now() - lastChange > o.drainStallMs) break;
    await sleep(250);
  }
  // Quiet: no event for two seconds, so whatever was committed has had its
  // chance to arrive; this is where every client's entitlement ends.
  let finalBound = await o.latestEventId();
  for (let quietSince = performance.now(); performance.now() - quietSince < 2000; ) {
    await sleep(250);
    const latest = await o.latestEventId();
    if (latest !== finalBound) {
      finalBound = latest;
      quietSince = performance.now();
    }
  }
  for (const c of everyone) c.stop();
  o.log(`drained: ${lastOpen} conversations still open; final event id ${finalBound}`);
  o.log(
    `socket closes seen by clients, by code: ${JSON.stringify(Object.fromEntries(closeCodes))}`,
  );
  const seconds = (performance.now() - t0) / 1000;

  const assignTimes: LoadResult['assignTimes'] = new Map();
  const wall = (t: number) => performance.timeOrigin + t;
  for (const [id, at] of assignedSeenAt) {
    const opened = openedAt.get(id);
    if (opened === undefined || at < opened) continue;
    assignTimes.set(id, {
      sent: wall(opened),
      committed: assignedCommittedAt.get(id)!,
      seen: wall(at),
    });
  }
  const clients: ClientResult[] = [
    ...staff.map((a) => ({
      ...record(a.client),
      kind: a.staff.role,
      operatorId: a.staff.id,
      teamId: a.staff.teamId,
      contactId: null,
      channelId: null,
    })),
    ...visitors.map((v) => ({
      ...record(v.client),
      kind: 'visitor' as const,
      operatorId: null,
      teamId: null,
      contactId: v.contactId,
      channelId: v.channelId,
    })),
  ];
  const eventLags = everyone.flatMap((c) => c.lags);
  const reconnects = everyone.reduce((n, c) => n + Math.max(0, c.connections - 1), 0);
  return {
    clients,
    acked,
    assignTimes,
    eventLags,
    finalBound,
    reconnects,
    statusChanges,
    transfers,
    seconds,
  };

  /** Drops sockets and changes operators' status at random while conversations arrive. */
  function startChaos() {
    const dropsPerSecond = Math.max(1, (agents.length + o.conversations / 10) / 30);
    const flipsPerSecond = Math.max(0.5, agents.length / 150);
    const stopped = (async () => {
      let tick = 0;
      while (chaosOn) {
        await sleep(100);
        tick += 1;
        for (let k = 0; k < dropsPerSecond / 10; k++)
          if (random() < 0.5 || visitors.length === 0) pick(staff).client.drop();
          else pick(visitors).client.drop();
        if (tick % Math.max(1, Math.round(10 / flipsPerSecond)) === 0) {
          const a = pick(agents);
          if (a.away) continue;
          a.away = true;
          const status = random() < 0.5 ? 'away' : 'offline';
          void (async () => {
            await setStatus(a, status);
            await sleep(1000 + random() * 3000);
            if (a.away) {
              await setStatus(a, 'online');
              a.away = false;
            }
          })().catch((error) => o.log(`status change failed: ${error}`));
        }
      }
    })();
    return { stopped };
  }
}
