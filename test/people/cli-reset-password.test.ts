// `switchboard reset-password --email E`: for accounts that cannot send mail,
// the command prints a one-time link; it sets the password once.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, databaseUrl, startTestServer, type TestServer } from '../support/harness.js';
import { call, tokenOf } from './support.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

function cli(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PUBLIC_URL: 'https://support.example',
        LOG_LEVEL: 'silent',
      },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('switchboard reset-password', () => {
  it('prints a one-time link that sets a new password', async () => {
    const account = await buildAccount(server.sb.services, { operators: [{ name: 'Ivan' }] });
    const ivan = account.operator('Ivan');
    const run = await cli(['reset-password', '--email', ivan.email]);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain(
      `Account ${account.accountId}: https://support.example/set-password#token=`,
    );

    const token = tokenOf(run.out);
    const set = await call(server.url, null, 'POST', '/auth/password-link', {
      token,
      password: 'from-the-command-line',
    });
    expect(set.status).toBe(200);
    const again = await call(server.url, null, 'POST', '/auth/password-link', {
      token,
      password: 'once-more-password',
    });
    expect(again.status).toBe(410);
  });

  it('says so when nobody active has the e-mail', async () => {
    const run = await cli(['reset-password', '--email', 'nobody@test.example']);
    expect(run.code).toBe(1);
    expect(run.err).toContain('No active operator with the e-mail nobody@test.example.');
  });
});
