// An operator's first day, in real Chromium: an admin invites her from the
// operators page, the invitation goes out through the account's SMTP server
// (a real one, smtp-server, in this process), she opens the link from the
// e-mail, sets her password and is logged in, in the team she was put in.
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../channels/support/channels.js';
import { type SmtpSink, startSmtpSink } from '../channels/support/smtp-sink.js';
import {
  buildAccount,
  loginHeaders,
  startTestServer,
  type TestAccount,
  type TestServer,
} from '../support/harness.js';
import { buildWebIfStale } from '../support/web-build.js';

const E2E_TIMEOUT = 120_000;
let server: TestServer;
let smtp: SmtpSink;
let browser: Browser;
let account: TestAccount;

beforeAll(async () => {
  buildWebIfStale();
  smtp = await startSmtpSink();
  server = await startTestServer();
  account = await buildAccount(server.sb.services, {
    teams: [{ name: 'Desk', mode: 'least_loaded' }],
    channels: [
      {
        name: 'support mail',
        kind: 'email',
        settings: { address: 'support@shop.example', smtpHost: '127.0.0.1', smtpPort: smtp.port },
      },
    ],
  });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.close();
});

describe('inviting an operator', () => {
  it(
    'the admin invites, the operator sets her password from the e-mailed link and is logged in',
    async () => {
      const email = `irina-${Date.now()}@test.example`;
      const adminPage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await adminPage.goto(`${server.url}/admin/operators`);
      await adminPage.getByLabel('E-mail').fill(account.admin.email);
      await adminPage.getByLabel('Password').fill(account.admin.password);
      await adminPage.getByRole('button', { name: 'Log in' }).click();
      await adminPage.getByRole('button', { name: 'Invite an operator' }).click();
      const form = adminPage.getByRole('dialog');
      await form.getByLabel('E-mail').fill(email);
      await form.getByLabel('Name').fill('Irina');
      await form.getByRole('checkbox', { name: 'Desk' }).check();
      await form.getByRole('button', { name: 'Invite', exact: true }).click();
      await adminPage.getByText(`A link to set a password was sent to ${email}.`).waitFor();
      const row = adminPage.getByRole('row', { name: /Irina/ });
      await expect.poll(() => row.textContent()).toContain('Invited');

      const mail = await waitFor('the invitation e-mail', async () =>
        smtp.mails.find((m) => m.rcptTo.includes(email)),
      );
      expect(mail.subject).toContain('invitation');
      const link = /http\S+\/set-password#token=[A-Za-z0-9_-]+/.exec(mail.text ?? '')?.[0];
      expect(link?.startsWith(server.url)).toBe(true);

      // Her own browser: no session of the admin's.
      const irina = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await irina.goto(link!);
      await irina.getByRole('heading', { name: 'Welcome, Irina' }).waitFor();
      await irina.getByLabel('New password').fill('irina-first-day');
      await irina.getByLabel('Repeat the password').fill('irina-first-day');
      await irina.getByRole('button', { name: 'Set the password and log in' }).click();
      await expect.poll(() => irina.locator('.header .who').textContent()).toContain('Irina');
      expect(new URL(irina.url()).pathname).toBe('/');

      // The admin's page hears that she is no longer only invited.
      await expect.poll(() => row.textContent()).toContain('Active');
      const { operators } = (await (
        await fetch(`${server.url}/api/v1/operators`, {
          headers: await loginHeaders(server.url, account.admin),
        })
      ).json()) as { operators: { email: string; teamIds: string[]; invited: boolean }[] };
      expect(operators.find((o) => o.email === email)).toMatchObject({
        teamIds: [account.teams.Desk],
        invited: false,
      });

      // The link worked once.
      const again = await browser.newPage();
      await again.goto(link!);
      await again
        .getByText('This link has expired or was already used. Ask for a new one.')
        .waitFor();
    },
    E2E_TIMEOUT,
  );
});
