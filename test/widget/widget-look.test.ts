// The widget's look as its configuration gives it: the title falls back to
// the account's name, text on the brand colour is readable, and the display
// share is a percentage.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAccount,
  loginHeaders,
  startTestServer,
  storeName,
  type TestServer,
} from '../support/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function widgetWith(settings: Record<string, unknown>) {
  const account = await buildAccount(server.sb.services, {
    channels: [{ name: 'site-chat-internal', kind: 'widget', settings }],
  });
  const key = account.channels['site-chat-internal']!.publicKey;
  const res = await fetch(`${server.url}/api/v1/widget/config?channelKey=${key}`);
  const config = (await res.json()) as { title: string; color: string; textColor: string };
  return { account, config };
}

describe(`widget look (${storeName})`, () => {
  it("titles the widget with the account's name, not the channel's internal one", async () => {
    const { account, config } = await widgetWith({});
    expect(config.title).toBe(`Test ${account.accountId.slice(0, 8)}`);
    const blank = await widgetWith({ title: '   ' });
    expect(blank.config.title).toBe(`Test ${blank.account.accountId.slice(0, 8)}`);
    const own = await widgetWith({ title: 'Ask Northwind' });
    expect(own.config.title).toBe('Ask Northwind');
  });

  it('gives dark text on a light brand colour and light text on a dark one', async () => {
    expect((await widgetWith({ color: '#ffe066' })).config.textColor).toBe('#000000');
    expect((await widgetWith({ color: '#1e3a8a' })).config.textColor).toBe('#ffffff');
  });

  it('accepts a display share from 0 to 100 % only, naming the field', async () => {
    const { account } = await widgetWith({});
    const admin = await loginHeaders(server.url, account.admin);
    const patch = (displayShare: unknown) =>
      fetch(`${server.url}/api/v1/channels/${account.channels['site-chat-internal']!.id}`, {
        method: 'PATCH',
        headers: admin,
        body: JSON.stringify({ settings: { displayShare } }),
      });
    for (const bad of [150, -1, '50']) {
      const res = await patch(bad);
      expect(res.status).toBe(400);
      const { error } = (await res.json()) as { error: { field: string; reason: string } };
      expect(error.field).toBe('settings.displayShare');
    }
    const over = (await (await patch(101)).json()) as {
      error: { reason: string; params: { max: number } };
    };
    expect(over.error).toMatchObject({ reason: 'too_big', params: { max: 100 } });
    expect((await patch(0)).status).toBe(200);
    expect((await patch(100)).status).toBe(200);
  });
});
