// Log-in must not tell which e-mails exist: an unknown e-mail pays the same
// argon2 verification as a wrong password. And an admin creating an operator
// must not learn that another account uses the address: e-mails are unique per
// account, and log-in names the account when one person works in several.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { dummyPasswordHash, login, passwords } from '../../src/actions/sessions/login.js';
import { AppError } from '../../src/errors.js';
import {
  buildAccount,
  startTestServer,
  type TestAccount,
  type TestServer,
} from '../support/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ config: { trustProxy: true } });
});
afterAll(() => server.close());
afterEach(() => vi.restoreAllMocks());

let addresses = 0;
const freshAddress = () => `10.8.${Math.floor(++addresses / 250)}.${(addresses % 250) + 1}`;

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': freshAddress(), ...headers },
    body: JSON.stringify(body),
  });
}

async function adminSession(account: TestAccount) {
  const res = await post('/auth/login', {
    email: account.admin.email,
    password: account.admin.password,
    accountId: account.accountId,
  });
  expect(res.status).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken };
}

describe('log-in timing', () => {
  let account: TestAccount;
  beforeAll(async () => {
    account = await buildAccount(server.sb.services, { operators: [{ name: 'Natalia' }] });
  });

  it('verifies the password against a dummy hash when no operator has the e-mail', async () => {
    const verify = vi.spyOn(passwords, 'verify');
    const db = server.sb.services.db;
    const unknown = login(db, new Date(), {
      email: `nobody-${randomUUID()}@test.example`,
      password: 'whatever password',
    });
    await expect(unknown).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(verify).toHaveBeenCalledTimes(1);
    expect(verify.mock.calls[0]![0]).toBe(await dummyPasswordHash());

    const natalia = account.operator('Natalia');
    const wrong = login(db, new Date(), { email: natalia.email, password: 'not her password' });
    await expect(wrong).rejects.toBeInstanceOf(AppError);
    expect(verify).toHaveBeenCalledTimes(2);
    expect(verify.mock.calls[1]![0]).not.toBe(await dummyPasswordHash());
  });

  it('answers an unknown e-mail exactly as a wrong password', async () => {
    const natalia = account.operator('Natalia');
    const wrong = await post('/auth/login', { email: natalia.email, password: 'nope nope' });
    const unknown = await post('/auth/login', {
      email: `nobody-${randomUUID()}@test.example`,
      password: 'nope nope',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toEqual(await wrong.json());
  });
});

describe('one e-mail in several accounts', () => {
  it("creating an operator with another account's e-mail succeeds like any other", async () => {
    const first = await buildAccount(server.sb.services, { operators: [{ name: 'Natalia' }] });
    const second = await buildAccount(server.sb.services);
    const natalia = first.operator('Natalia');
    const headers = await adminSession(second);

    const res = await post(
      '/operators',
      { email: natalia.email, name: 'Natalia too', password: 'second account pw' },
      headers,
    );
    expect(res.status).toBe(201);

    // Within one account the address stays unique.
    const again = await post(
      '/operators',
      { email: natalia.email, name: 'Natalia again', password: 'second account pw' },
      headers,
    );
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { field: string } }).error.field).toBe('email');

    // Without an account the e-mail means its oldest account; with one, that account.
    const plain = await post('/auth/login', { email: natalia.email, password: natalia.password });
    expect(plain.status).toBe(200);
    expect(((await plain.json()) as { operator: { id: string } }).operator.id).toBe(natalia.id);
    const named = await post('/auth/login', {
      email: natalia.email,
      password: 'second account pw',
      accountId: second.accountId,
    });
    expect(named.status).toBe(200);
    expect(((await named.json()) as { operator: { name: string } }).operator.name).toBe(
      'Natalia too',
    );
    // The second account's password does not open the first account.
    const crossed = await post('/auth/login', {
      email: natalia.email,
      password: 'second account pw',
    });
    expect(crossed.status).toBe(401);
  });
});
