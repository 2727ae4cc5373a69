// npm run bench -- message-path [--stores embedded,postgres] [--sizes 100,1000] [--seconds 8]
//
// N visitors and N operators on websockets, in N real conversations. For each
// store and N: (a) the maximum sustained rate, closed loop (each side answers
// as soon as it receives), next to a bare `ws` relay carrying the same frames
// in the same run; (b) delivery latency (client send → operator receives the
// committed message) at a fixed offered load of 2,000 messages/s, open loop.
// Server and relay run in child processes; this process is the load generator.
// BENCH_PROFILE=dir writes CPU profiles of the server and of the load
// generator during the closed loop there (bench/_profile.ts).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { profileDir, profilePhase } from './_profile.js';
import { freshDatabase } from './args.js';

type Mode = 'idle' | 'closed' | 'open';
interface Frame {
  type: string;
  clientKey?: string;
  event?: { type: string; conversationId: string | null; payload: Record<string, unknown> };
}
interface Endpoints {
  visitor(i: number): string;
  operator(i: number): string;
  operatorId(i: number): string;
}

const OFFERED_PER_S = 2000;

export async function main(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      stores: { type: 'string', default: 'embedded,postgres' },
      sizes: { type: 'string', default: '100,1000' },
      seconds: { type: 'string', default: '8' },
      'database-url': {
        type: 'string',
        default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      },
    },
  });
  const seconds = Number(values.seconds);
  const lines: string[] = [];
  for (const store of values.stores!.split(',')) {
    for (const n of values.sizes!.split(',').map(Number)) {
      log(`\n== ${store}, ${n} conversations ==`);
      const raw = await withChild(['bench/_raw-relay.ts'], {}, async (info: { url: string }) => {
        const ends: Endpoints = {
          visitor: (i) => `${info.url}/?pair=${i}&role=visitor`,
          operator: (i) => `${info.url}/?pair=${i}&role=operator`,
          operatorId: (i) => String(i),
        };
        return (await runLoad(ends, n, seconds, false)).closedPerS;
      });
      log(`bare ws relay: ${raw.toFixed(0)} msg/s`);
      const env: Record<string, string> =
        store === 'postgres'
          ? {
              DATABASE_URL: await freshDatabase(
                'switchboard_bench_message_path',
                values['database-url']!,
              ),
            }
          : {};
      const sb = await withChild(
        ['bench/_message-path-server.ts', String(n)],
        env,
        async (
          info: {
            url: string;
            operators: { id: string; token: string }[];
            visitors: string[];
          },
          child,
        ) => {
          const ends: Endpoints = {
            visitor: (i) =>
              `${info.url}/api/v1/visitor/ws?token=${encodeURIComponent(info.visitors[i]!)}`,
            operator: (i) => `${info.url}/api/v1/ws?token=${info.operators[i]!.token}`,
            operatorId: (i) => info.operators[i]!.id,
          };
          return runLoad(ends, n, seconds, true, { name: `${store}-${n}`, child });
        },
      );
      const line = {
        bench: 'message-path',
        store,
        conversations: n,
        msgs_per_s: Math.round(sb.closedPerS),
        raw_msgs_per_s: Math.round(raw),
        ratio: round(sb.closedPerS / raw, 3),
        offered_per_s: OFFERED_PER_S,
        p50_ms: round(sb.p50, 2),
        p99_ms: round(sb.p99, 2),
        delivered: sb.delivered,
        sent: sb.sent,
      };
      lines.push(JSON.stringify(line));
      log(JSON.stringify(line));
    }
  }
  for (const l of lines) console.log(l);
}

/** With BENCH_PROFILE, the server child and this process are profiled during the closed loop. */
interface ProfiledRun {
  name: string;
  child: ChildProcess;
}

async function runLoad(
  ends: Endpoints,
  n: number,
  seconds: number,
  measureLatency: boolean,
  profiled: ProfiledRun | null = null,
) {
  let mode: Mode = 'idle';
  let acks = 0;
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const visitors: WebSocket[] = [];
  let assigned = 0;
  const errors = new Map<string, number>();
  const countError = (f: Frame) => {
    const code = (f as { error?: { code?: string } }).error?.code ?? 'unknown';
    errors.set(code, (errors.get(code) ?? 0) + 1);
  };
  const send = (ws: WebSocket, frame: Record<string, unknown>) =>
    ws.send(
      JSON.stringify({
        type: 'send',
        clientKey: randomUUID(),
        text: 'How is my order doing?',
        ...frame,
      }),
    );

  const operators = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const ws = await open(ends.operator(i));
      const me = ends.operatorId(i);
      let conversationId: string | null = null;
      ws.on('message', (raw) => {
        const text = raw.toString();
        // Operators also see every queue change of the account; parse only what matters here.
        if (!/"(ack|error|conversation\.assigned|message\.created)"/.test(text)) return;
        const f = JSON.parse(text) as Frame;
        if (f.type === 'ack') acks += mode === 'closed' ? 1 : 0;
        if (f.type === 'error') countError(f);
        if (f.type !== 'event' || !f.event) return;
        const e = f.event;
        if (e.type === 'conversation.assigned' && e.payload.operatorId === me && !conversationId) {
          conversationId = e.conversationId;
          assigned += 1;
        } else if (e.type === 'message.created' && e.conversationId === conversationId) {
          const m = e.payload.message as { author: string; clientKey: string | null };
          if (m.author !== 'contact') return;
          if (mode === 'closed') send(ws, { conversationId });
          else if (mode === 'open' && m.clientKey && sentAt.has(m.clientKey)) {
            latencies.push(performance.now() - sentAt.get(m.clientKey)!);
            sentAt.delete(m.clientKey);
          }
        }
      });
      ws.on('close', (code) => {
        if (mode !== 'idle' || assigned < n) log(`operator socket ${i} closed: ${code}`);
      });
      ws.send(JSON.stringify({ type: 'hello' }));
      return { ws, conversation: () => conversationId };
    }),
  );
  for (let i = 0; i < n; i++) {
    const ws = await open(ends.visitor(i));
    ws.on('message', (raw) => {
      const f = JSON.parse(raw.toString()) as Frame;
      if (f.type === 'ack') acks += mode === 'closed' ? 1 : 0;
      if (f.type === 'error') countError(f);
      if (f.type === 'event' && f.event?.type === 'message.created' && mode === 'closed') {
        if ((f.event.payload.message as { author: string }).author === 'operator') send(ws, {});
      }
    });
    ws.send(JSON.stringify({ type: 'hello' }));
    visitors.push(ws);
  }
  await sleep(300);
  // Conversations start in waves: each start is a queue change every operator
  // sees, and a thousand at once would be a burst no real site produces.
  const deadline = Date.now() + 120_000;
  for (let from = 0; from < n; from += 100) {
    for (const v of visitors.slice(from, from + 100)) send(v, { text: 'Hello!' });
    const wave = Math.min(n, from + 100);
    while (assigned < wave && Date.now() < deadline) await sleep(20);
  }
  if (assigned < n) throw new Error(`only ${assigned} of ${n} conversations were assigned`);
  log(`${n} conversations assigned; closed loop for ${seconds} s`);

  mode = 'closed';
  for (const o of operators)
    send(o.ws, { conversationId: o.conversation(), text: 'Hello, how can I help?' });
  await sleep(1000);
  acks = 0;
  const stopProfile =
    profiled && profileDir ? await profilePhase(`loadgen-${profiled.name}`) : null;
  if (stopProfile) profiled?.child.kill('SIGUSR2');
  const t0 = performance.now();
  await sleep(seconds * 1000);
  const closedPerS = acks / ((performance.now() - t0) / 1000);
  if (stopProfile) {
    profiled?.child.kill('SIGUSR2');
    await stopProfile();
  }
  mode = 'idle';
  await sleep(1500);

  let sent = 0;
  if (measureLatency) {
    log(`open loop at ${OFFERED_PER_S} msg/s for ${seconds} s`);
    mode = 'open';
    const perTick = OFFERED_PER_S / 200;
    let next = 0;
    const start = performance.now();
    let ticks = 0;
    while (performance.now() - start < seconds * 1000) {
      ticks += 1;
      for (let k = 0; k < perTick; k++) {
        const key = randomUUID();
        sentAt.set(key, performance.now());
        send(visitors[next]!, { clientKey: key });
        next = (next + 1) % n;
        sent += 1;
      }
      // Keep the offered rate fixed: sleep until this tick's slot, whatever the last one cost.
      const wait = start + ticks * 5 - performance.now();
      if (wait > 0) await sleep(wait);
    }
    await sleep(2000);
    mode = 'idle';
  }
  if (errors.size > 0) log(`errors from the server: ${JSON.stringify(Object.fromEntries(errors))}`);
  for (const ws of [...visitors, ...operators.map((o) => o.ws)]) ws.terminate();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? Number.NaN;
  return { closedPerS, p50: pct(0.5), p99: pct(0.99), delivered: latencies.length, sent };
}

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

async function withChild<I, T>(
  script: string[],
  env: Record<string, string>,
  body: (info: I, child: ChildProcess) => Promise<T>,
): Promise<T> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', ...script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const first = await new Promise<string>((resolve, reject) => {
      const rl = createInterface({ input: child.stdout! });
      rl.once('line', resolve);
      child.once('exit', (code) => reject(new Error(`${script[0]} exited with ${code}`)));
    });
    return await body(JSON.parse(first) as I, child);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const log = (s: string) => process.stderr.write(`${s}\n`);
