// Child process of bench/message-path.ts: the physical limit. A bare `ws`
// server that speaks the same frames as Switchboard (send → ack + event to the
// other side of the pair) with no validation, no storage and no bus.
import { type WebSocket, WebSocketServer } from 'ws';

const pairs = new Map<string, { visitor?: WebSocket; operator?: WebSocket; seq: number }>();
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
wss.on('connection', (socket, request) => {
  const url = new URL(request.url ?? '/', 'http://x');
  const pairId = url.searchParams.get('pair') ?? '';
  const role = url.searchParams.get('role') === 'operator' ? 'operator' : 'visitor';
  const pair = pairs.get(pairId) ?? { seq: 0 };
  pair[role] = socket;
  pairs.set(pairId, pair);
  socket.on('message', (raw) => {
    const m = JSON.parse(raw.toString()) as { type: string; text?: string; clientKey?: string };
    if (m.type === 'hello')
      return socket.send(JSON.stringify({ type: 'ready', lastEventId: 0, resumed: 0 }));
    if (m.type !== 'send') return;
    pair.seq += 1;
    const message = {
      id: `${pairId}-${pair.seq}`,
      conversationId: pairId,
      seq: pair.seq,
      author: role === 'visitor' ? 'contact' : 'operator',
      text: m.text,
      clientKey: m.clientKey,
    };
    socket.send(
      JSON.stringify({
        type: 'ack',
        clientKey: m.clientKey,
        conversationId: pairId,
        message,
        duplicate: false,
      }),
    );
    const other = role === 'visitor' ? pair.operator : pair.visitor;
    if (role === 'visitor' && pair.seq === 1) {
      other?.send(
        JSON.stringify({
          type: 'event',
          event: {
            type: 'conversation.assigned',
            conversationId: pairId,
            payload: { operatorId: pairId },
          },
        }),
      );
    }
    other?.send(
      JSON.stringify({
        type: 'event',
        event: { type: 'message.created', conversationId: pairId, payload: { message } },
      }),
    );
  });
});
wss.on('listening', () => {
  const address = wss.address();
  const port = address && typeof address === 'object' ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ url: `ws://127.0.0.1:${port}` })}\n`);
});
process.on('SIGTERM', () => wss.close(() => process.exit(0)));
