// An operator's life in the account: invited (a one-time link to set a
// password, mailed or shown to the admin), able to reset a forgotten
// password, deactivated (out everywhere at once, conversations back in the
// queue with their wait), reactivated, and deleted only while they have no
// history. Plus team membership from the team's side, and being told who
// changed one's status or limit.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../channels/support/channels.js';
import { type SmtpSink, startSmtpSink } from '../channels/support/smtp-sink.js';
import {
  buildAccount,
  startTestServer,
  type TestAccount,
  type TestServer,
  visitorSession,
} from '../support/harness.js';
import { connect } from '../support/ws-client.js';
import { addressFactory, call, logIn, type Session, tokenOf } from './support.js';

const DAY_MS = 24 * 60 * 60 * 1000;
let server: TestServer;
let smtp: SmtpSink;
/** The server's clock runs this far ahead of the real one (link expiry). */
let clockOffset = 0;
const address = addressFactory('10.61');

beforeAll(async () => {
  smtp = await startSmtpSink();
  server = await startTestServer({
    now: () => new Date(Date.now() + clockOffset),
    config: { trustProxy: true, redisPrefix: `sb-test-${randomUUID()}` },
  });
});
afterAll(async () => {
  await server.close();
  await smtp.close();
});

interface Invited {
  id: string;
  teamIds: string[];
  invitation: { sent: boolean; link?: string; to?: string; expiresAt: string };
}

async function invite(admin: Session, body: Record<string, unknown>): Promise<Invited> {
  const res = await call(server.url, admin, 'POST', '/operators', body);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as Invited;
}

const setPassword = (token: string, password: string) =>
  call(server.url, null, 'POST', '/auth/password-link', { token, password });

async function errorOf(res: Response) {
  return ((await res.json()) as { error: { code: string; field: string | null } }).error;
}

describe('invitations without a mail server', () => {
  let account: TestAccount;
  let admin: Session;
  beforeAll(async () => {
    account = await buildAccount(server.sb.services, {
      teams: [{ name: 'billing', mode: 'least_loaded' }],
    });
    admin = await logIn(server.url, account.admin, address());
  });

  it('gives the admin a link that sets the password once, and the new operator is in their teams', async () => {
    const email = `olga-${randomUUID()}@test.example`;
    const olga = await invite(admin, {
      email,
      name: 'Olga',
      teamIds: [account.teams.billing],
    });
    expect(olga.teamIds).toEqual([account.teams.billing]);
    expect(olga.invitation.sent).toBe(false);
    const token = tokenOf(olga.invitation.link!);
    expect(olga.invitation.link).toContain(`${server.url}/set-password#token=`);

    const check = await call(server.url, null, 'POST', '/auth/password-link/check', { token });
    expect(await check.json()).toMatchObject({ email, name: 'Olga', purpose: 'invite' });

    const set = await setPassword(token, 'olga-first-password');
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({ email, accountId: account.accountId });
    await logIn(server.url, { email, password: 'olga-first-password' }, address());

    const again = await setPassword(token, 'someone-elses-password');
    expect(again.status).toBe(410);
    expect(await errorOf(again)).toMatchObject({ code: 'password_link_invalid', field: 'token' });
    await logIn(server.url, { email, password: 'olga-first-password' }, address());
  });

  it('expires after seven days by default', async () => {
    const olga = await invite(admin, { email: `late-${randomUUID()}@test.example`, name: 'Late' });
    const token = tokenOf(olga.invitation.link!);
    expect(new Date(olga.invitation.expiresAt).getTime() - Date.now()).toBeGreaterThan(
      7 * DAY_MS - 60_000,
    );
    try {
      clockOffset = 7 * DAY_MS + 1000;
      const res = await setPassword(token, 'too-late-password');
      expect(res.status).toBe(410);
      expect((await errorOf(res)).code).toBe('password_link_invalid');
    } finally {
      clockOffset = 0;
    }
    // Nothing was used up by the refusal: the link still works within its time.
    expect((await setPassword(token, 'in-time-password')).status).toBe(200);
  });

  it('re-sending makes the earlier link stop working', async () => {
    const olga = await invite(admin, { email: `again-${randomUUID()}@test.example`, name: 'Ann' });
    const first = tokenOf(olga.invitation.link!);
    const res = await call(server.url, admin, 'POST', `/operators/${olga.id}/password-link`, {});
    expect(res.status).toBe(200);
    const second = tokenOf(((await res.json()) as { link: string }).link);

    expect((await setPassword(first, 'first-link-password')).status).toBe(410);
    expect((await setPassword(second, 'second-link-password')).status).toBe(200);
  });

  it('refuses a short password at its field, and the link keeps working', async () => {
    const olga = await invite(admin, { email: `short-${randomUUID()}@test.example`, name: 'Sh' });
    const token = tokenOf(olga.invitation.link!);
    const res = await setPassword(token, 'short');
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: 'validation_failed', field: 'password' });
    expect((await setPassword(token, 'long-enough-password')).status).toBe(200);
  });
});

describe('with the account e-mail channel as the mail server', () => {
  let account: TestAccount;
  let admin: Session;
  beforeAll(async () => {
    account = await buildAccount(server.sb.services, {
      channels: [
        {
          name: 'support mail',
          kind: 'email',
          settings: {
            address: 'support@shop.example',
            smtpHost: '127.0.0.1',
            smtpPort: smtp.port,
          },
        },
      ],
      operators: [{ name: 'Maxim' }],
    });
    admin = await logIn(server.url, account.admin, address());
  });

  const mailTo = (email: string, after = 0) =>
    waitFor(`mail to ${email}`, async () =>
      smtp.mails.slice(after).find((m) => m.rcptTo.includes(email)),
    );

  it('mails the invitation in the admin’s language, from the support address', async () => {
    const email = `irina-${randomUUID()}@test.example`;
    const irina = await invite(admin, { email, name: 'Ирина', lang: 'ru' });
    expect(irina.invitation).toMatchObject({ sent: true, to: email });
    expect(irina.invitation.link).toBeUndefined();

    const mail = await mailTo(email);
    expect(mail.from?.value[0]?.address).toBe('support@shop.example');
    expect(mail.subject).toContain('Приглашение');
    const link = /http\S+set-password#token=[A-Za-z0-9_-]+/.exec(mail.text ?? '')![0];
    expect((await setPassword(tokenOf(link), 'irina-password')).status).toBe(200);
    await logIn(server.url, { email, password: 'irina-password' }, address());
  });

  it('forgot password: mails a one-time link, ends the old sessions, and says the same for unknown e-mails', async () => {
    const maxim = account.operator('Maxim');
    const old = await logIn(server.url, maxim, address());
    const before = smtp.mails.length;

    const known = await call(server.url, null, 'POST', '/auth/password-reset', {
      email: maxim.email.toUpperCase(),
    });
    const unknown = await call(server.url, null, 'POST', '/auth/password-reset', {
      email: `nobody-${randomUUID()}@test.example`,
    });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(await known.json()).toEqual(await unknown.json());

    const mail = await mailTo(maxim.email, before);
    expect(mail.subject).toContain('new Switchboard password');
    const token = tokenOf(/set-password#token=[A-Za-z0-9_-]+/.exec(mail.text ?? '')![0]);
    expect((await setPassword(token, 'maxim-new-password')).status).toBe(200);

    expect((await call(server.url, old, 'GET', '/me')).status).toBe(401);
    const wrong = await call(
      server.url,
      null,
      'POST',
      '/auth/login',
      { email: maxim.email, password: maxim.password },
      { 'x-forwarded-for': address() },
    );
    expect(wrong.status).toBe(401);
    await logIn(server.url, { email: maxim.email, password: 'maxim-new-password' }, address());
    expect((await setPassword(token, 'maxim-third-password')).status).toBe(410);
    expect(
      smtp.mails.slice(before).some((m) => m.rcptTo.some((r) => r.startsWith('nobody-'))),
    ).toBe(false);
  });
});

describe('deactivation, reactivation and deletion', () => {
  let account: TestAccount;
  let admin: Session;
  beforeAll(async () => {
    account = await buildAccount(server.sb.services, {
      operators: [{ name: 'Tatiana', limit: 3, online: true }, { name: 'Newbie' }],
    });
    admin = await logIn(server.url, account.admin, address());
  });

  it('logs the operator out everywhere and returns their conversations to the queue with their wait', async () => {
    const tatiana = account.operator('Tatiana');
    const db = server.sb.services.db;
    const session = await logIn(server.url, tatiana, address());
    const socket = await connect(`${server.wsUrl}/api/v1/ws`, { cookie: session.cookie });
    socket.send({ type: 'hello' });
    await socket.waitFor((m) => m.type === 'ready');

    const { token } = await visitorSession(server.url, account.channels.widget!.publicKey);
    const sent = await fetch(`${server.url}/api/v1/visitor/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ text: 'Where is my order?', clientKey: 'k1' }),
    });
    const { conversationId } = (await sent.json()) as { conversationId: string };
    const conversation = () =>
      db
        .selectFrom('conversations')
        .selectAll()
        .where('id', '=', conversationId)
        .executeTakeFirstOrThrow();
    const assigned = await waitFor('assignment to Tatiana', async () => {
      const c = await conversation();
      return c.operator_id === tatiana.id ? c : null;
    });

    const linkSent = await call(
      server.url,
      admin,
      'POST',
      `/operators/${tatiana.id}/password-link`,
      {},
    );
    const earlierLink = tokenOf(((await linkSent.json()) as { link: string }).link);

    const res = await call(server.url, admin, 'PATCH', `/operators/${tatiana.id}`, {
      active: false,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ active: false, status: 'offline', openCount: 0 });

    expect((await socket.closed).code).toBe(4401);
    expect((await call(server.url, session, 'GET', '/me')).status).toBe(401);
    const requeued = await conversation();
    expect(requeued).toMatchObject({ state: 'queued', operator_id: null, assigned_at: null });
    // The wait counts from when the client first queued, not from now.
    expect(requeued.queued_at).toEqual(assigned.queued_at);
    const refused = await call(
      server.url,
      null,
      'POST',
      '/auth/login',
      { email: tatiana.email, password: tatiana.password },
      { 'x-forwarded-for': address() },
    );
    expect(refused.status).toBe(401);
    // Nobody can send a deactivated operator a password link either.
    const link = await call(
      server.url,
      admin,
      'POST',
      `/operators/${tatiana.id}/password-link`,
      {},
    );
    expect(link.status).toBe(409);

    // Her history stays, so she cannot be deleted…
    const del = await call(server.url, admin, 'DELETE', `/operators/${tatiana.id}`);
    expect(del.status).toBe(409);
    expect(await errorOf(del)).toMatchObject({ code: 'operator_has_history', field: 'id' });
    // …and reactivating restores her access (offline: she chooses when to take work).
    const back = await call(server.url, admin, 'PATCH', `/operators/${tatiana.id}`, {
      active: true,
    });
    expect(await back.json()).toMatchObject({ active: true, status: 'offline' });
    await logIn(server.url, tatiana, address());
    // A link sent before the deactivation does not come back with her.
    expect((await setPassword(earlierLink, 'from-an-old-link')).status).toBe(410);
  });

  it('deletes an operator without history, and no one else', async () => {
    const newbie = account.operator('Newbie');
    expect((await call(server.url, admin, 'DELETE', `/operators/${account.admin.id}`)).status).toBe(
      409,
    );
    const res = await call(server.url, admin, 'DELETE', `/operators/${newbie.id}`);
    expect(res.status).toBe(204);
    const list = await call(server.url, admin, 'GET', '/operators');
    const { operators } = (await list.json()) as { operators: { id: string }[] };
    expect(operators.map((o) => o.id)).not.toContain(newbie.id);
    const again = await call(server.url, admin, 'DELETE', `/operators/${newbie.id}`);
    expect(again.status).toBe(404);
  });
});

describe('teams and notices', () => {
  let account: TestAccount;
  beforeAll(async () => {
    account = await buildAccount(server.sb.services, {
      teams: [
        { name: 'billing', mode: 'least_loaded' },
        { name: 'delivery', mode: 'least_loaded' },
      ],
      operators: [
        { name: 'Natalia', role: 'supervisor' },
        { name: 'Ivan', teams: ['delivery'] },
        { name: 'Pavel', teams: ['billing'] },
      ],
    });
  });

  it("edits a team's members from the team's side", async () => {
    const admin = await logIn(server.url, account.admin, address());
    const ivan = account.operator('Ivan');
    const pavel = account.operator('Pavel');
    const res = await call(server.url, admin, 'PUT', `/teams/${account.teams.billing}/members`, {
      operatorIds: [ivan.id],
    });
    expect(res.status).toBe(200);
    const { operators } = (await (await call(server.url, admin, 'GET', '/operators')).json()) as {
      operators: { id: string; teamIds: string[] }[];
    };
    const teamsOf = (id: string) => operators.find((o) => o.id === id)!.teamIds.sort();
    expect(teamsOf(ivan.id)).toEqual([account.teams.billing, account.teams.delivery].sort());
    expect(teamsOf(pavel.id)).toEqual([]);

    const stranger = await call(
      server.url,
      admin,
      'PUT',
      `/teams/${account.teams.billing}/members`,
      {
        operatorIds: [randomUUID()],
      },
    );
    expect(stranger.status).toBe(400);
    expect((await errorOf(stranger)).field).toBe('operatorIds');
  });

  it('tells an operator which supervisor changed their status or limit', async () => {
    const ivan = account.operator('Ivan');
    const own = await logIn(server.url, ivan, address());
    const socket = await connect(`${server.wsUrl}/api/v1/ws`, { cookie: own.cookie });
    socket.send({ type: 'hello' });
    await socket.waitFor((m) => m.type === 'ready');
    const natalia = await logIn(server.url, account.operator('Natalia'), address());
    const notices = () => socket.events().filter((e) => e.type === 'operator.notice');

    // His own change says nothing.
    await call(server.url, own, 'PUT', `/operators/${ivan.id}/status`, { status: 'away' });
    await call(server.url, natalia, 'PUT', `/operators/${ivan.id}/status`, { status: 'online' });
    await call(server.url, natalia, 'PATCH', `/operators/${ivan.id}`, { limit: 4 });

    await waitFor('two notices', async () => notices().length === 2);
    expect(notices().map((e) => e.payload)).toEqual([
      {
        operatorId: ivan.id,
        by: { id: account.operator('Natalia').id, name: 'Natalia' },
        status: 'online',
      },
      {
        operatorId: ivan.id,
        by: { id: account.operator('Natalia').id, name: 'Natalia' },
        limit: 4,
      },
    ]);
    await socket.close();
  });
});
