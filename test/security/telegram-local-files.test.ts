// The Telegram connector never reads the server's disk on a channel setting's
// say-so. A channel's Bot API root is an account admin's choice, and a local
// Bot API server (--local) answers getFile with an absolute path: such paths
// are read only inside the directory the operator configured
// (TELEGRAM_LOCAL_FILES_DIR), in the bot's own folder, with no way out.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OUTBOUND_POLICY } from '../../src/channels/outbound-address.js';
import { downloadFile } from '../../src/channels/telegram/api.js';
import { ChannelError } from '../../src/channels/types.js';
import { messagesOf, startChannelServer, waitFor } from '../channels/support/channels.js';
import { type FakeBotApi, startFakeBotApi } from '../channels/support/fake-bot-api.js';
import {
  chat,
  postUpdate,
  TELEGRAM_SECRET,
  telegramAccount,
} from '../channels/support/telegram.js';
import { storeName, type TestServer } from '../support/harness.js';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const settings = { botToken: TOKEN, apiRoot: 'https://api.telegram.org' };

/** A local Bot API server's directory: this bot's folder, another bot's, and a file outside. */
function localServerDir() {
  const base = mkdtempSync(join(tmpdir(), 'sb-tg-'));
  const dir = join(base, 'telegram-bot-api');
  mkdirSync(join(dir, TOKEN, 'documents'), { recursive: true });
  mkdirSync(join(dir, '987654321:OtherBotsTokenOtherBotsToken', 'documents'), { recursive: true });
  writeFileSync(join(dir, TOKEN, 'documents', 'file_0.pdf'), '%PDF-1.4 receipt');
  writeFileSync(
    join(dir, '987654321:OtherBotsTokenOtherBotsToken', 'documents', 'file_0.pdf'),
    'x',
  );
  writeFileSync(join(base, 'secret'), 'the server signing secret');
  symlinkSync(join(base, 'secret'), join(dir, TOKEN, 'documents', 'file_1.pdf'));
  return { base, dir };
}

const ctx = (telegramLocalFilesDir: string | null) => ({
  timeoutMs: 1_000,
  outbound: DEFAULT_OUTBOUND_POLICY,
  telegramLocalFilesDir,
});

async function refusal(promise: Promise<unknown>): Promise<ChannelError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ChannelError);
  return error as ChannelError;
}

describe('local Bot API file paths', () => {
  const { base, dir } = localServerDir();

  it('are refused when the operator configured no directory', async () => {
    const e = await refusal(downloadFile(settings, join(base, 'secret'), ctx(null)));
    expect(e.kind).toBe('permanent');
    expect(e.message).toContain('TELEGRAM_LOCAL_FILES_DIR');
  });

  it("are read from the bot's own folder in the configured directory", async () => {
    const data = await downloadFile(
      settings,
      join(dir, TOKEN, 'documents', 'file_0.pdf'),
      ctx(dir),
    );
    expect(data.toString()).toBe('%PDF-1.4 receipt');
  });

  it('never leave it: not by another path, "..", a symlink, or another bot\'s folder', async () => {
    const attempts = [
      join(base, 'secret'),
      `${dir}/${TOKEN}/../../secret`,
      join(dir, TOKEN, 'documents', 'file_1.pdf'),
      join(dir, '987654321:OtherBotsTokenOtherBotsToken', 'documents', 'file_0.pdf'),
      '/etc/passwd',
      `${join(dir, TOKEN, 'documents', 'file_0.pdf')}\0.txt`,
    ];
    for (const path of attempts) {
      const e = await refusal(downloadFile(settings, path, ctx(dir)));
      expect(e.kind).toBe('permanent');
    }
  });
});

describe(`a channel whose Bot API names a file on the server's disk (${storeName})`, () => {
  let bot: FakeBotApi;
  let server: TestServer;
  beforeAll(async () => {
    bot = await startFakeBotApi();
    server = await startChannelServer();
  });
  afterAll(async () => {
    await server.close();
    await bot.close();
  });

  it("does not read it: the client's message arrives with a note instead of the file", async () => {
    const { base } = localServerDir();
    const secretPath = join(base, 'secret');
    // A Bot API server the admin pointed the channel at answers getFile with this path.
    bot.files.set(secretPath, Buffer.from('the server signing secret'));
    const { account, channel } = await telegramAccount(server, bot);
    const olga = chat();
    const update = olga.update('document');
    (update.message as { document: { file_id: string } }).document.file_id = secretPath;
    const res = await postUpdate(server.url, channel.publicKey, TELEGRAM_SECRET, update);
    expect(res.status).toBe(200);
    const [message] = await waitFor('the message', async () => {
      const rows = await messagesOf(server.sb.services, account.accountId);
      return rows.length > 0 && rows;
    });
    expect(message!.attachments).toEqual([]);
    expect(message!.text).toContain('[file not fetched from Telegram: чек-4417.pdf]');
  });
});
