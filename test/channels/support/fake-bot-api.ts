// A loopback HTTP server standing in for the Telegram Bot API. It records every
// call Switchboard makes (method, token, fields, uploaded files) so tests can
// check the requests, serves getFile and file downloads, queues updates for
// getUpdates, and can be told to fail the next calls of a method.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BotCall {
  method: string;
  token: string;
  fields: Record<string, string>;
  files: { field: string; name: string; type: string; size: number }[];
}

export interface FakeBotApi {
  url: string;
  token: string;
  calls: BotCall[];
  callsTo(method: string): BotCall[];
  /** The next `times` calls of `method` answer with this error. */
  failNext(
    method: string,
    times: number,
    error: { status: number; description: string; retryAfter?: number },
  ): void;
  /** Files getFile knows: file_id → bytes. */
  files: Map<string, Buffer>;
  /** Updates the next getUpdates returns (then forgotten once confirmed by offset). */
  queueUpdates(updates: Record<string, unknown>[]): void;
  close(): Promise<void>;
}

export const TEST_BOT_TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';

export async function startFakeBotApi(token = TEST_BOT_TOKEN): Promise<FakeBotApi> {
  const calls: BotCall[] = [];
  const failures = new Map<
    string,
    { times: number; error: { status: number; description: string; retryAfter?: number } }
  >();
  const files = new Map<string, Buffer>();
  let updates: Record<string, unknown>[] = [];
  let messageId = 1000;

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const download = url.pathname.match(/^\/file\/bot([^/]+)\/(.+)$/);
    if (download) {
      const data = download[1] === token ? files.get(decodeURIComponent(download[2]!)) : undefined;
      res.writeHead(data ? 200 : 404).end(data ?? 'not found');
      return;
    }
    const call = url.pathname.match(/^\/bot([^/]+)\/(\w+)$/);
    if (!call) return void res.writeHead(404).end();
    const [, callToken, method] = call as unknown as [string, string, string];
    const { fields, files: uploaded } = await readBody(req);
    calls.push({ method, token: callToken, fields, files: uploaded });
    const reply = (status: number, body: Record<string, unknown>) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (callToken !== token)
      return reply(401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const failure = failures.get(method);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      const { status, description, retryAfter } = failure.error;
      return reply(status, {
        ok: false,
        error_code: status,
        description,
        ...(retryAfter !== undefined ? { parameters: { retry_after: retryAfter } } : {}),
      });
    }
    const chat = { id: Number(fields.chat_id), type: 'private' };
    const sent = () => ({ message_id: ++messageId, date: Math.floor(Date.now() / 1000), chat });
    switch (method) {
      case 'getMe':
        return reply(200, {
          ok: true,
          result: { id: 123456789, is_bot: true, first_name: 'Support', username: 'support_bot' },
        });
      case 'setWebhook':
      case 'deleteWebhook':
      case 'answerCallbackQuery':
        return reply(200, { ok: true, result: true });
      case 'getUpdates': {
        const offset = Number(fields.offset ?? 0);
        updates = updates.filter((u) => Number(u.update_id) >= offset);
        const batch = updates;
        if (batch.length === 0) await new Promise((r) => setTimeout(r, 20));
        return reply(200, { ok: true, result: batch });
      }
      case 'getFile': {
        const id = fields.file_id ?? '';
        if (!files.has(id))
          return reply(400, {
            ok: false,
            error_code: 400,
            description: 'Bad Request: file is too big',
          });
        return reply(200, {
          ok: true,
          result: {
            file_id: id,
            file_unique_id: `u-${id}`,
            file_size: files.get(id)!.length,
            file_path: id,
          },
        });
      }
      case 'sendMessage':
        return reply(200, { ok: true, result: { ...sent(), text: fields.text } });
      case 'sendPhoto':
      case 'sendDocument':
      case 'sendVoice':
        return reply(200, { ok: true, result: sent() });
      default:
        return reply(400, {
          ok: false,
          error_code: 400,
          description: `Bad Request: unknown method ${method}`,
        });
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    failNext: (method, times, error) => failures.set(method, { times, error }),
    files,
    queueUpdates: (more) => {
      updates.push(...more);
    },
    close: () =>
      new Promise((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

/** grammY sends JSON for plain calls and multipart/form-data when a file is uploaded. */
async function readBody(req: IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  const fields: Record<string, string> = {};
  const files: BotCall['files'] = [];
  if (type.startsWith('multipart/form-data')) {
    const boundary = type.match(/boundary=(?:"([^"]+)"|([^;]+))/)!;
    for (const part of splitParts(body, `--${boundary[1] ?? boundary[2]}`)) {
      const head = part.subarray(0, part.indexOf('\r\n\r\n')).toString('utf8');
      const content = part.subarray(part.indexOf('\r\n\r\n') + 4);
      const name = head.match(/name="([^"]*)"/)?.[1] ?? '';
      // grammY writes filename=<name> unquoted.
      const match = head.match(/filename=(?:"([^"]*)"|([^;\r\n]+))/);
      const filename = match ? (match[1] ?? match[2]) : undefined;
      if (filename === undefined) fields[name] = content.toString('utf8');
      else {
        const partType = head.match(/content-type:\s*([^\r\n]+)/i)?.[1] ?? '';
        files.push({ field: name, name: filename, type: partType, size: content.length });
      }
    }
  } else if (body.length > 0) {
    for (const [k, v] of Object.entries(
      JSON.parse(body.toString('utf8')) as Record<string, unknown>,
    ))
      fields[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return { fields, files };
}

/** Parts between multipart boundaries (RFC 7578), each without its trailing CRLF. */
function splitParts(body: Buffer, delimiter: string): Buffer[] {
  const parts: Buffer[] = [];
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    parts.push(body.subarray(start + 2, next - 2));
    at = next;
  }
  return parts;
}
