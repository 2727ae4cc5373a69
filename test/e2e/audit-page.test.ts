// The audit page explains every verdict, end to end in real Chromium (issue
// 19): a dialog is played and closed through the real actions, the auditor
// records it, and a supervisor opens /audit/<id> in the built operator app.
// The whole transcript is there, and each check's deciding phrase is marked
// exactly where the stored result points (message and span). Saving a review
// moves the agreement figures shown beside it.
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_DIALOG, playDialog, testClock } from '../support/dialogs.js';
import {
  buildAccount,
  startTestServer,
  type TestAccount,
  type TestServer,
} from '../support/harness.js';
import { buildWebIfStale } from '../support/web-build.js';

// The dialog happened half an hour ago, inside the page's default period.
const clock = testClock(new Date(Date.now() - 30 * 60_000).toISOString());
let server: TestServer;
let browser: Browser;
let account: TestAccount;
let page: Page;

beforeAll(async () => {
  buildWebIfStale();
  server = await startTestServer({ now: clock.now });
  account = await buildAccount(server.sb.services, {
    teams: [{ name: 'Support', mode: 'manual' }],
    operators: [
      { name: 'Sofia', role: 'supervisor' },
      { name: 'Natalia', teams: ['Support'], online: true },
    ],
    channels: [{ name: 'widget', team: 'Support' }],
  });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('audit page', () => {
  it('marks each deciding phrase in the whole transcript and feeds reviews into agreement', async () => {
    const conversationId = await playDialog(server.sb.services, clock, {
      account,
      operator: 'Natalia',
      startAt: clock.get(),
      lines: GOOD_DIALOG,
      contactName: 'Emily',
    });
    await server.sb.auditor.idle();
    const audit = await server.sb.services.db
      .selectFrom('audit_results')
      .select('checks')
      .where('conversation_id', '=', conversationId)
      .executeTakeFirstOrThrow();
    const stored = audit.checks;
    const texts = new Map(
      (
        await server.sb.services.db
          .selectFrom('messages')
          .select(['id', 'text'])
          .where('conversation_id', '=', conversationId)
          .execute()
      ).map((m) => [m.id, m.text]),
    );
    // What each mark must read: the stored span of the stored message.
    const expected = Object.entries(stored)
      .filter(([, c]) => c.messageId && c.span)
      .map(([check, c]) => [check, texts.get(c.messageId!)!.slice(c.span![0], c.span![1])]);
    expect(expected.map(([check]) => check)).toEqual(
      expect.arrayContaining([
        'greeting',
        'name',
        'clarifying_question',
        'helped_check',
        'farewell',
      ]),
    );

    const who = account.operator('Sofia');
    await page.goto(server.url);
    await page.getByLabel('E-mail').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.locator('.header .who').waitFor();
    await page.goto(`${server.url}/audit/${conversationId}`);

    const transcript = page.getByRole('region', { name: 'Transcript' });
    await transcript.waitFor();
    // The whole dialog, every line of it in order (system notices may sit between).
    await expect
      .poll(() => transcript.locator('.transcript-line').count())
      .toBeGreaterThanOrEqual(GOOD_DIALOG.length);
    const shown = (await transcript.locator('.transcript-line p').allTextContents()).filter((t) =>
      GOOD_DIALOG.some(([, , text]) => text === t),
    );
    expect(shown).toEqual(GOOD_DIALOG.map(([, , text]) => text));
    for (const [check, phrase] of expected) {
      const mark = transcript.locator(`mark[data-checks~="${check}"]`);
      // A phrase two checks share is one mark; its text contains the phrase.
      expect((await mark.allTextContents()).join(''), check).toContain(phrase);
    }
    const greeting = transcript.locator('mark[data-checks~="greeting"]');
    expect(await greeting.getAttribute('class')).toContain('outcome-pass');
    // The mark sits in the operator's first message.
    const firstOperator = transcript.locator('.transcript-line.author-operator').first();
    expect(await firstOperator.locator('mark[data-checks~="greeting"]').count()).toBe(1);
    await page.screenshot({ path: '/tmp/sb-audit-page.png' });

    // A review saved on the page moves the agreement card beside it.
    const agreement = page.getByRole('region', { name: 'Agreement with reviewers' });
    await agreement.getByText('No reviewed dialogs in this period yet.').waitFor();
    await page.getByRole('button', { name: 'Save review' }).click();
    await agreement.getByText(/^1 reviewed dialogs/).waitFor();
    const greetingRow = agreement.getByRole('row', { name: /^Greeting/ });
    expect(await greetingRow.textContent()).toBe('Greeting100%1/1');
  }, 120_000);
});
