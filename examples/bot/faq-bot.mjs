// A runnable custom bot for Switchboard's bot API (docs/bot.md), with no
// dependencies: Node 20+ only.
//
//   BOT_SECRET=… BOT_TOKEN=… PORT=4000 node examples/bot/faq-bot.mjs
//
// Then set the channel's bot to { "mode": "external", "url": "http://127.0.0.1:4000/" }
// (it listens on 127.0.0.1; put it behind your proxy to reach it from elsewhere).
// BOT_SECRET and BOT_TOKEN come from POST /api/v1/channels/<id>/bot-credentials.
//
// What it does with each client message:
// - checks the signature (HMAC-SHA256 of "<timestamp>.<body>", at most 5 minutes old);
// - drops a delivery it has already handled (Switchboard retries with the same id);
// - answers 200 at once, then replies through the API:
//   "refund" → hands over to a person with a note; "bye" or "no, thanks" → closes
//   as resolved; "hours" → the opening hours; anything else → a menu of buttons.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const secret = process.env.BOT_SECRET;
const token = process.env.BOT_TOKEN;
const port = Number(process.env.PORT ?? 4000);
if (!secret || !token) {
  console.error('Set BOT_SECRET and BOT_TOKEN (POST /api/v1/channels/<id>/bot-credentials).');
  process.exit(1);
}

const seen = new Set();

function verified(headers, raw) {
  const ts = headers['x-switchboard-timestamp'];
  const signature = headers['x-switchboard-signature'];
  if (!ts || !signature) return false;
  const expected = `sha256=${createHmac('sha256', secret).update(`${ts}.`).update(raw).digest('hex')}`;
  const a = Buffer.from(expected);
  const b = Buffer.from(String(signature));
  if (a.length !== b.length || !timingSafeEqual(a, b)) return false;
  return Math.abs(Date.now() - Number(ts) * 1000) <= 5 * 60_000;
}

async function call(url, body) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) console.warn(`${url}: ${res.status} ${await res.text()}`);
}

async function answer(event) {
  const text = event.message.text.toLowerCase();
  const reply = event.replyUrl;
  // The message id as the idempotency key: a retried post never answers twice.
  const key = `reply-${event.message.id}`;
  if (text.includes('refund'))
    return call(`${reply}/hand-over`, { note: 'The client asks for a refund.' });
  if (text === 'bye' || text.startsWith('no, thanks')) return call(`${reply}/close`, {});
  if (text.includes('hours'))
    return call(`${reply}/messages`, {
      text: 'We are open 9:00–18:00, Monday to Friday. Anything else?',
      buttons: [{ id: 'done', label: 'No, thanks' }],
      clientKey: key,
    });
  return call(`${reply}/messages`, {
    text: 'I can help with these:',
    buttons: [
      { id: 'hours', label: 'Opening hours' },
      { id: 'refund', label: 'Refund' },
    ],
    clientKey: key,
  });
}

createServer(async (req, res) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const raw = Buffer.concat(chunks);
  if (req.method !== 'POST' || !verified(req.headers, raw)) {
    res.writeHead(401).end();
    return;
  }
  const event = JSON.parse(raw.toString('utf8'));
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  if (event.type !== 'bot.message' || seen.has(event.deliveryId)) return;
  seen.add(event.deliveryId);
  answer(event).catch((e) => console.error(e));
}).listen(port, '127.0.0.1', function () {
  console.log(`FAQ bot listening on :${this.address().port}`);
});
