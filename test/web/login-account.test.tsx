// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { logIn } from '../../web/src/state/session';
import { callsTo, mockApi } from './api-mock';
import { signIn } from './setup';

const ACCOUNT = '0b6f3c1e-5a4d-4e8f-9c2b-7d1a2e3f4a5b';

describe('log-in to one of several accounts', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    window.history.replaceState(null, '', '/');
  });

  function answer() {
    return mockApi({
      'POST /auth/login': () => ({ csrfToken: 'csrf' }),
      'GET /me': () => signIn(),
    });
  }

  it('names the account of the link it was opened with', async () => {
    window.history.replaceState(null, '', `/?account=${ACCOUNT}`);
    const calls = answer();
    await logIn('natalia@test.example', 'secret password');
    expect(callsTo(calls, 'POST', '/auth/login')[0]!.body).toEqual({
      email: 'natalia@test.example',
      password: 'secret password',
      accountId: ACCOUNT,
    });
  });

  it('sends no account without one, or with one that is not an id', async () => {
    window.history.replaceState(null, '', '/?account=../../x');
    const calls = answer();
    await logIn('natalia@test.example', 'secret password');
    expect(callsTo(calls, 'POST', '/auth/login')[0]!.body).toEqual({
      email: 'natalia@test.example',
      password: 'secret password',
    });
  });
});
