// A channel's settings are checked the same way when it is changed as when it
// is created: per-kind connection settings and the SLA thresholds, with the
// field named in the error, and nothing stored when they are wrong.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAccount,
  type LoginHeaders,
  loginHeaders,
  startTestServer,
  storeName,
  type TestAccount,
  type TestServer,
} from '../support/harness.js';

let server: TestServer;
let account: TestAccount;
let admin: LoginHeaders;

beforeAll(async () => {
  server = await startTestServer();
  account = await buildAccount(server.sb.services, {
    channels: [
      { name: 'widget', kind: 'widget' },
      { name: 'telegram', kind: 'telegram' },
      { name: 'api', kind: 'api', settings: { hmacSecret: 'a-long-enough-hmac-secret-123456' } },
    ],
  });
  admin = await loginHeaders(server.url, account.admin);
});
afterAll(() => server.close());

interface Answer {
  error?: { code: string; field: string | null };
  settings?: Record<string, unknown>;
}

async function call(method: string, path: string, body: unknown) {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: admin,
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Answer };
}

const patch = (name: string, body: unknown) =>
  call('PATCH', `/channels/${account.channels[name]!.id}`, body);

async function storedSettings(name: string) {
  const row = await server.sb.services.db
    .selectFrom('channels')
    .select('settings')
    .where('id', '=', account.channels[name]!.id)
    .executeTakeFirstOrThrow();
  return row.settings;
}

describe(`changing a channel's settings (${storeName})`, () => {
  it("checks the kind's settings as creation does, naming the field", async () => {
    const res = await patch('telegram', { settings: { botToken: 'not-a-token' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'validation_failed',
      field: 'settings.botToken',
    });
    expect(await storedSettings('telegram')).not.toHaveProperty('botToken');
  });

  it('connects a channel with valid settings and fills in generated secrets', async () => {
    const res = await patch('telegram', {
      settings: { botToken: '123456:abcdefghijklmnopqrstuvwxyz' },
    });
    expect(res.status).toBe(200);
    expect(res.body.settings).toMatchObject({ mode: 'polling' });
    expect(res.body.settings).not.toHaveProperty('botToken');
    const stored = await storedSettings('telegram');
    expect(stored.botToken).toBe('123456:abcdefghijklmnopqrstuvwxyz');
    expect(typeof stored.secret).toBe('string');
  });

  it('keeps stored secrets the admin app never sees when other settings change', async () => {
    const res = await patch('api', { settings: { note: 'kept' } });
    expect(res.status).toBe(200);
    expect(await storedSettings('api')).toMatchObject({
      hmacSecret: 'a-long-enough-hmac-secret-123456',
      note: 'kept',
    });
  });

  it.each([
    [{ yellowMs: 60_000, redMs: 30_000 }, 'settings.sla.redMs'],
    [{ yellowMs: 30_000, redMs: 30_000 }, 'settings.sla.redMs'],
    [{ yellowMs: -5 }, 'settings.sla.yellowMs'],
    [{ yellowMs: 0 }, 'settings.sla.yellowMs'],
    [{ redMs: 1500.5 }, 'settings.sla.redMs'],
    [{ redMs: '60' }, 'settings.sla.redMs'],
    [{ yellow: 30 }, 'settings.sla'],
    ['fast', 'settings.sla'],
  ])('refuses SLA thresholds %j, naming %s', async (sla, field) => {
    const res = await patch('widget', { settings: { sla } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'validation_failed', field });
    expect(await storedSettings('widget')).not.toHaveProperty('sla');
  });

  it('stores valid thresholds, a single one inheriting the other, and clears them with null', async () => {
    expect(
      (await patch('widget', { settings: { sla: { yellowMs: 10_000, redMs: 20_000 } } })).status,
    ).toBe(200);
    expect((await storedSettings('widget')).sla).toEqual({ yellowMs: 10_000, redMs: 20_000 });
    expect((await patch('widget', { settings: { sla: { redMs: 90_000 } } })).status).toBe(200);
    expect((await storedSettings('widget')).sla).toEqual({ redMs: 90_000 });
    expect((await patch('widget', { settings: { sla: null } })).status).toBe(200);
    expect(await storedSettings('widget')).not.toHaveProperty('sla');
  });

  it.each([
    [500, 'At least 1 second.'],
    [3_600_001, 'At most one hour.'],
    [1500.5, null],
    ['20s', null],
  ])('refuses a service-level threshold of %j, naming the field', async (value, message) => {
    const res = await patch('widget', { settings: { serviceLevelTargetMs: value } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'validation_failed',
      field: 'settings.serviceLevelTargetMs',
    });
    if (message) expect((res.body.error as { message?: string }).message).toBe(message);
    expect(await storedSettings('widget')).not.toHaveProperty('serviceLevelTargetMs');
  });

  it("keeps a channel's service-level threshold and clears it with null", async () => {
    expect((await patch('widget', { settings: { serviceLevelTargetMs: 45_000 } })).status).toBe(
      200,
    );
    expect((await storedSettings('widget')).serviceLevelTargetMs).toBe(45_000);
    expect((await patch('widget', { settings: { serviceLevelTargetMs: null } })).status).toBe(200);
    expect(await storedSettings('widget')).not.toHaveProperty('serviceLevelTargetMs');
  });

  it('refuses bad thresholds when a channel is created, too', async () => {
    const res = await call('POST', '/channels', {
      kind: 'widget',
      name: 'Shop',
      priority: 1,
      settings: { sla: { yellowMs: 90_000, redMs: 60_000 } },
    });
    expect(res.status).toBe(400);
    expect(res.body.error?.field).toBe('settings.sla.redMs');
  });

  it('holds the account thresholds to the same rule: red strictly after yellow', async () => {
    const same = await call('PATCH', '/account', {
      settings: { sla: { yellowMs: 30_000, redMs: 30_000 } },
    });
    expect(same.status).toBe(400);
    expect(same.body.error?.field).toBe('settings.sla.redMs');
    const ok = await call('PATCH', '/account', {
      settings: { sla: { yellowMs: 30_000, redMs: 31_000 } },
    });
    expect(ok.status).toBe(200);
  });
});

describe(`creating channels and teams (${storeName})`, () => {
  async function eventsOf(type: string) {
    const rows = await server.sb.services.db
      .selectFrom('events')
      .select('payload')
      .where('account_id', '=', account.accountId)
      .where('type', '=', type)
      .execute();
    return rows.map((r) => r.payload as Record<string, { id: string } & Record<string, unknown>>);
  }

  it('announces a new channel like a change, without its secrets', async () => {
    const res = await call('POST', '/channels', {
      kind: 'api',
      name: 'CRM bridge',
      priority: 2,
      settings: { hmacSecret: 'another-long-hmac-secret-9876543210' },
    });
    expect(res.status).toBe(201);
    const id = (res.body as { id?: string }).id;
    expect(id).toBeTruthy();
    const announced = (await eventsOf('channel.updated')).filter((p) => p.channel!.id === id);
    expect(announced).toHaveLength(1);
    expect(JSON.stringify(announced[0])).not.toContain('another-long-hmac-secret');
  });

  it('announces a new team', async () => {
    const res = await call('POST', '/teams', { name: 'Night shift', mode: 'round_robin' });
    expect(res.status).toBe(201);
    const announced = (await eventsOf('team.updated')).map((p) => p.team!);
    expect(announced).toContainEqual(expect.objectContaining({ name: 'Night shift' }));
  });
});
